package io.tocsin.pattern;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Shorthands shared by the pattern tests: match one line, or expect a syntax error. */
final class MatchSupport {
  private MatchSupport() {}

  /** Compiles {@code pattern} and tests it against the log line {@code message}. */
  static boolean matches(String pattern, String message) {
    return FilterPattern.compile(pattern).matches(LogInput.ofMessage(message));
  }

  /** The error {@code pattern} is rejected with; fails the test when it compiles. */
  static PatternSyntaxException syntaxError(String pattern) {
    return assertThrows(PatternSyntaxException.class, () -> FilterPattern.compile(pattern));
  }
}
