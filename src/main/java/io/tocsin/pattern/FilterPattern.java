package io.tocsin.pattern;

import java.util.Objects;

/**
 * A compiled, immutable CloudWatch Logs filter pattern (the language of
 * topology-docs/filter-patterns.md): compile once, then test any number of events with {@link
 * #matches(LogInput)} from any thread.
 */
public final class FilterPattern {
  /** AWS's length constraint on {@code filterPattern}. */
  static final int MAX_LENGTH = 1024;

  private static final EventMatcher EVERY_EVENT = input -> true;

  private final String text;
  private final PatternKind kind;
  private final EventMatcher matcher;

  private FilterPattern(String text, PatternKind kind, EventMatcher matcher) {
    this.text = text;
    this.kind = kind;
    this.matcher = matcher;
  }

  /**
   * Compiles {@code text} exactly as pasted from AWS (metric filter, subscription filter, CIS
   * benchmark).
   *
   * @throws PatternSyntaxException if AWS would reject the pattern; never any other exception for a
   *     non-null argument
   */
  public static FilterPattern compile(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw new PatternSyntaxException(
          MAX_LENGTH, "A filter pattern is at most " + MAX_LENGTH + " characters long");
    }
    // filter-patterns.md §A6: leading and trailing whitespace is trimmed before choosing the kind.
    int start = 0;
    int end = text.length();
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (start == end) {
      return new FilterPattern(text, PatternKind.MATCH_ALL, EVERY_EVENT);
    }
    char first = text.charAt(start);
    char last = text.charAt(end - 1);
    boolean closed = end - start > 1;
    if (first == '{') {
      requireClosed(
          closed && last == '}', start, "If a filter pattern starts with '{' it must end with '}'");
      return new FilterPattern(text, PatternKind.JSON, JsonPattern.parse(text, start, end));
    }
    if (first == '[') {
      requireClosed(
          closed && last == ']', start, "If a filter pattern starts with '[' it must end with ']'");
      return new FilterPattern(
          text, PatternKind.DELIMITED, DelimitedPattern.parse(text, start, end));
    }
    if (first == '%' && last == '%' && closed) {
      AwsRegex regex = AwsRegex.compile(text.substring(start + 1, end - 1), start + 1);
      return new FilterPattern(text, PatternKind.REGEX, input -> regex.find(input.message()));
    }
    return new FilterPattern(text, PatternKind.TERMS, TermPattern.parse(text, start, end));
  }

  private static void requireClosed(boolean closed, int start, String reason) {
    if (!closed) {
      throw new PatternSyntaxException(start, reason);
    }
  }

  /** Whether the event matches this pattern. Never throws for a non-null input. */
  public boolean matches(LogInput input) {
    return matcher.matches(input);
  }

  /**
   * Compiles a metric value ({@code "1"}, {@code $.latency}, {@code $size}, {@code $7}) for events
   * this pattern matches; see {@link MetricValueSelector}.
   *
   * @throws PatternSyntaxException if the reference is malformed or does not fit this pattern
   *     (filter-patterns.md §A28: field references need a JSON or delimited pattern)
   */
  public MetricValueSelector metricValue(String metricValue) {
    return MetricValueSelector.compile(this, metricValue);
  }

  /** Which of the four forms this pattern has. */
  public PatternKind kind() {
    return kind;
  }

  /** The pattern exactly as given to {@link #compile}. */
  public String text() {
    return text;
  }

  EventMatcher matcher() {
    return matcher;
  }

  /** Patterns are equal when their texts are: the same text always compiles to the same rules. */
  @Override
  public boolean equals(Object other) {
    return other instanceof FilterPattern that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
