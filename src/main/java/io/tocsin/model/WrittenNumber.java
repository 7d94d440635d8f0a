package io.tocsin.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.NumericNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number from an event that keeps the text it was written with ({@code 4e2}, {@code 7.00},
 * {@code -0}) beside its exact value: string and wildcard comparisons use the text, numeric ones
 * the value, and writing the event out again writes the text. Integers written canonically stay
 * Jackson's integer nodes; only spellings a parsed value cannot give back (decimals, exponents,
 * negative zero) need this node. A decimal node to its readers ({@link #isBigDecimal}).
 */
public final class WrittenNumber extends NumericNode {
  private static final long serialVersionUID = 1L;

  private final BigDecimal value;
  private final String written;

  /** The number {@code written}, whose exact value is {@code value}. */
  public WrittenNumber(BigDecimal value, String written) {
    this.value = value;
    this.written = written;
  }

  /** The number's text exactly as it appears in the event. */
  public String written() {
    return written;
  }

  @Override
  public String asText() {
    return written;
  }

  @Override
  public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
    g.writeNumber(written);
  }

  @Override
  public JsonToken asToken() {
    return JsonToken.VALUE_NUMBER_FLOAT;
  }

  @Override
  public JsonParser.NumberType numberType() {
    return JsonParser.NumberType.BIG_DECIMAL;
  }

  @Override
  public boolean isFloatingPointNumber() {
    return true;
  }

  @Override
  public boolean isBigDecimal() {
    return true;
  }

  @Override
  public boolean isNaN() {
    return false;
  }

  @Override
  public boolean canConvertToInt() {
    return value.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
        && value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
  }

  @Override
  public boolean canConvertToLong() {
    return value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
        && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
  }

  @Override
  public Number numberValue() {
    return value;
  }

  @Override
  public int intValue() {
    return value.intValue();
  }

  @Override
  public long longValue() {
    return value.longValue();
  }

  @Override
  public double doubleValue() {
    return value.doubleValue();
  }

  @Override
  public BigDecimal decimalValue() {
    return value;
  }

  @Override
  public BigInteger bigIntegerValue() {
    return value.toBigInteger();
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
