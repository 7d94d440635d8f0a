package io.tocsin.pattern;

import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;

/**
 * A JSON number from an event that keeps the text it was written with ({@code 4e2}, {@code 7.00},
 * {@code -0}) beside its exact value: string and wildcard comparisons use the text, numeric ones
 * the value. Integers written canonically stay Jackson's integer nodes; only spellings a parsed
 * value cannot give back (decimals, exponents, negative zero) need this node.
 */
final class WrittenNumber extends DecimalNode {
  private static final long serialVersionUID = 1L;

  private final String written;

  /** The number {@code written}, whose exact value is {@code value}. */
  WrittenNumber(BigDecimal value, String written) {
    super(value);
    this.written = written;
  }

  /** The number's text exactly as it appears in the event. */
  String written() {
    return written;
  }

  @Override
  public String asText() {
    return written;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WrittenNumber other && written.equals(other.written);
  }

  @Override
  public int hashCode() {
    return written.hashCode();
  }
}
