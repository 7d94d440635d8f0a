package io.tocsin.pattern;

/**
 * Reads the text of one pattern left to right, keeps positions relative to the original text and
 * counts the quota-limited constructs (regexes, wildcard selectors) seen so far.
 */
final class Cursor {
  private static final int MAX_REGEXES = 2;
  private static final int MAX_WILDCARD_SELECTORS = 3;

  private final String text;
  private final int end;
  private int pos;
  private int regexes;
  private int wildcardSelectors;

  /** A cursor over {@code text[start, end)}. */
  Cursor(String text, int start, int end) {
    this.text = text;
    this.pos = start;
    this.end = end;
  }

  int pos() {
    return pos;
  }

  void pos(int newPos) {
    pos = newPos;
  }

  /** The text from {@code start} up to the current position. */
  String text(int start) {
    return text.substring(start, pos);
  }

  boolean atEnd() {
    return pos >= end;
  }

  /** The current character, or {@code '\0'} at the end. */
  char peek() {
    return pos < end ? text.charAt(pos) : '\0';
  }

  boolean startsWith(String s) {
    return pos + s.length() <= end && text.startsWith(s, pos);
  }

  boolean consume(String s) {
    if (!startsWith(s)) {
      return false;
    }
    pos += s.length();
    return true;
  }

  void skipWhitespace() {
    while (pos < end && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  void expect(char c) {
    if (peek() != c || atEnd()) {
      throw error(
          atEnd() ? "Expected '" + c + "'" : "Expected '" + c + "' but found '" + peek() + "'");
    }
    pos++;
  }

  PatternSyntaxException error(String reason) {
    return new PatternSyntaxException(pos, reason);
  }

  PatternSyntaxException error(int at, String reason) {
    return new PatternSyntaxException(at, reason);
  }

  /** An error saying the current character was not expected here, naming what was. */
  PatternSyntaxException unexpected(String expected) {
    return atEnd()
        ? error("Expected " + expected + " but the pattern ended")
        : error("Expected " + expected + " but found '" + peek() + "'");
  }

  /**
   * Reads a double-quoted string starting at the current {@code "} and returns its content.
   *
   * <p>filter-patterns.md §A12: {@code \"} and {@code \\} are escapes (CDK writes them); any other
   * backslash is kept as it is.
   */
  String quoted() {
    int open = pos;
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < end) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\' && pos < end && (text.charAt(pos) == '"' || text.charAt(pos) == '\\')) {
        c = text.charAt(pos++);
      }
      out.append(c);
    }
    throw error(open, "Unterminated quoted string");
  }

  /** Reads {@code [A-Za-z_][A-Za-z0-9_]*}; empty when the current character cannot start one. */
  String identifier() {
    int start = pos;
    if (pos < end && (isAsciiLetter(peek()) || peek() == '_')) {
      pos++;
      while (pos < end && (isAsciiLetter(peek()) || isAsciiDigit(peek()) || peek() == '_')) {
        pos++;
      }
    }
    return text.substring(start, pos);
  }

  /**
   * Reads an unquoted value: every character up to whitespace, one of {@code stops}, {@code &&} or
   * {@code ||} (filter-patterns.md §A30: dots, slashes, dashes and {@code *} are part of the
   * value).
   */
  String bare(String stops) {
    int start = pos;
    while (pos < end) {
      char c = text.charAt(pos);
      if (Character.isWhitespace(c)
          || stops.indexOf(c) >= 0
          || startsWith("&&")
          || startsWith("||")) {
        break;
      }
      pos++;
    }
    if (pos == start) {
      throw unexpected("a value");
    }
    return text.substring(start, pos);
  }

  /** Reads {@code %regex%} at the current {@code %}, enforcing AWS's two-regex quota. */
  AwsRegex regex() {
    int open = pos;
    int close = text.indexOf('%', open + 1);
    if (close < 0 || close >= end) {
      throw error(open, "Unterminated regular expression: missing closing '%'");
    }
    if (++regexes > MAX_REGEXES) {
      throw error(
          open, "A filter pattern may contain at most " + MAX_REGEXES + " regular expressions");
    }
    pos = close + 1;
    return AwsRegex.compile(text.substring(open + 1, close), open + 1);
  }

  /** Records one selector with a wildcard, enforcing AWS's quota of three per pattern. */
  void countWildcardSelector(int at) {
    if (++wildcardSelectors > MAX_WILDCARD_SELECTORS) {
      throw error(
          at,
          "A filter pattern may contain at most " + MAX_WILDCARD_SELECTORS + " wildcard selectors");
    }
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
