package io.tocsin.pattern;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * A compiled metric value or dimension reference of a metric filter (filter-patterns.md §7), bound
 * to its pattern: a constant such as {@code 1}, a JSON selector such as {@code $.latency}, or a
 * delimited field such as {@code $size} or {@code $7}. Immutable and thread-safe.
 */
public final class MetricValueSelector {
  /** AWS's length constraint on {@code metricValue}. */
  private static final int MAX_LENGTH = 100;

  private static final String SUBJECT = "metric value";

  private final FilterPattern pattern;
  private final String text;
  private final Function<LogInput, String> reference;

  private MetricValueSelector(
      FilterPattern pattern, String text, Function<LogInput, String> reference) {
    this.pattern = pattern;
    this.text = text;
    this.reference = reference;
  }

  static MetricValueSelector compile(FilterPattern pattern, String text) {
    Objects.requireNonNull(text, "metricValue");
    if (text.length() > MAX_LENGTH) {
      throw error(MAX_LENGTH, "A metric value is at most " + MAX_LENGTH + " characters long");
    }
    if (Numbers.isNumber(text)) {
      return new MetricValueSelector(pattern, text, input -> text);
    }
    if (text.startsWith("$.") || text.startsWith("$[")) {
      return new MetricValueSelector(pattern, text, jsonReference(pattern, text));
    }
    String key = text.startsWith("$") ? text.substring(1) : "";
    if (pattern.matcher() instanceof DelimitedPattern delimited && !key.isEmpty()) {
      if (key.chars().allMatch(c -> c >= '0' && c <= '9') && key.length() <= 9) {
        int position = Integer.parseInt(key);
        if (position > 0) {
          return new MetricValueSelector(
              pattern, text, input -> delimited.positionalValue(input, position));
        }
      } else if (delimited.hasField(key)) {
        return new MetricValueSelector(pattern, text, input -> delimited.namedValue(input, key));
      }
      throw error(1, "The filter pattern has no field " + text);
    }
    if (!key.isEmpty()) {
      throw error(
          0, "A field reference such as " + text + " needs a space-delimited filter pattern");
    }
    throw error(0, "Expected a number, a JSON selector ($.field) or a field reference ($name, $N)");
  }

  private static Function<LogInput, String> jsonReference(FilterPattern pattern, String text) {
    if (pattern.kind() != PatternKind.JSON) {
      throw error(0, "A JSON selector such as " + text + " needs a JSON filter pattern");
    }
    Cursor cursor = new Cursor(text, 0, text.length());
    JsonSelector selector;
    try {
      selector = JsonSelector.read(cursor);
    } catch (PatternSyntaxException e) {
      throw error(e.position(), e.reason());
    }
    if (!cursor.atEnd()) {
      throw error(cursor.pos(), "Unexpected '" + cursor.peek() + "' after the selector");
    }
    if (selector.hasWildcard()) {
      throw error(0, "A metric value selector cannot contain a wildcard");
    }
    // Strings and numbers only; a missing field, object, array, boolean or null has no value.
    Set<String> keys = selector.rootKeys();
    return input -> selector.scalarText(input.jsonObject(keys));
  }

  private static PatternSyntaxException error(int position, String reason) {
    return new PatternSyntaxException(SUBJECT, position, reason);
  }

  /**
   * The numeric value for {@code input}: empty when the pattern does not match it, or
   * (filter-patterns.md §A28) when the referenced value is missing or not a number. Strings holding
   * numbers count.
   */
  public OptionalDouble valueOf(LogInput input) {
    String value = textOf(input).orElse(null);
    BigDecimal number = value == null ? null : Numbers.parse(value);
    if (number == null) {
      return OptionalDouble.empty();
    }
    double result = number.doubleValue();
    return Double.isFinite(result) ? OptionalDouble.of(result) : OptionalDouble.empty();
  }

  /**
   * The referenced value as text, e.g. for a dimension ({@code server: $server}); empty when the
   * pattern does not match {@code input} or the value is missing.
   */
  public Optional<String> textOf(LogInput input) {
    return pattern.matches(input) ? Optional.ofNullable(reference.apply(input)) : Optional.empty();
  }

  /** The pattern this reference reads from. */
  public FilterPattern pattern() {
    return pattern;
  }

  /** The reference as written. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
