package io.tocsin.pattern;

/**
 * Checks a {@code %regex%} body against the constructs AWS documents and rewrites it into RE2
 * syntax with the meaning the engine documents (filter-patterns.md §A16: Java's defaults without
 * flags).
 *
 * <p>Where RE2's defaults differ, the translation spells the meaning out: {@code .} excludes every
 * line terminator, {@code \s} includes the vertical tab, and {@code $} also matches before one
 * final line terminator. RE2 has no look-ahead, so that {@code $} consumes the terminator and must
 * end an alternative; a regex with more after {@code $} is refused, as is a repetition count above
 * RE2's 1000.
 */
final class RegexTranslator {
  private static final String INVALID = "Invalid character(s) in term";

  /** Any character but a line terminator, as Java's {@code .} without DOTALL. */
  private static final String ANY = "[^\\n\\r\\x{85}\\x{2028}\\x{2029}]";

  /** End of text, optionally after one line terminator, as Java's {@code $} without MULTILINE. */
  private static final String END = "(?:(?:\\r\\n|[\\n\\r\\x{85}\\x{2028}\\x{2029}])?\\z)";

  /** Java's {@code \s} set: tab, newline, vertical tab, form feed, carriage return, space. */
  private static final String SPACE_CHARS = "\\t\\n\\x0B\\f\\r ";

  /** The complement of {@link #SPACE_CHARS} as ranges, usable inside and outside a class. */
  private static final String NON_SPACE_RANGES = "\\x00-\\x08\\x0E-\\x1F\\x21-\\x{10FFFF}";

  /** RE2's largest repetition count. */
  private static final int MAX_REPEAT = 1000;

  private final String body;
  private final int offset;
  private final StringBuilder out;
  private int i;
  private boolean afterQuantifier;

  private RegexTranslator(String body, int offset) {
    this.body = body;
    this.offset = offset;
    this.out = new StringBuilder(body.length() + 8);
  }

  /** Returns the Java form of {@code body}; {@code offset} is its index in the pattern text. */
  static String translate(String body, int offset) {
    RegexTranslator translator = new RegexTranslator(body, offset);
    translator.run();
    return translator.out.toString();
  }

  private void run() {
    while (i < body.length()) {
      char c = body.charAt(i);
      checkAllowed(c);
      boolean quantifier = false;
      if (c == '\\') {
        escape(false);
        continue;
      } else if (c == '[') {
        characterClass();
        continue;
      } else if (c == '{') {
        repetition();
        continue;
      } else if (c == '*' || c == '+' || c == '?') {
        if (c == '+' && afterQuantifier) {
          throw new PatternSyntaxException(offset + i, "Nested quantifier '+'");
        }
        quantifier = true;
        out.append(c);
      } else if (c == ']' || c == '}') {
        out.append('\\').append(c);
      } else if (c == '.') {
        out.append(ANY);
      } else if (c == '$') {
        endOfText();
      } else {
        out.append(c);
      }
      afterQuantifier = quantifier;
      i++;
    }
  }

  private void checkAllowed(char c) {
    boolean allowed =
        Cursor.isAsciiLetter(c)
            || Cursor.isAsciiDigit(c)
            || AwsRegex.isSymbol(c)
            || AwsRegex.isOperator(c);
    if (!allowed) {
      String hint = c == '(' ? " (write \\x28)" : c == ')' ? " (write \\x29)" : "";
      String shown = c < 0x20 || c > 0x7E ? String.format("\\u%04x", (int) c) : String.valueOf(c);
      throw new PatternSyntaxException(offset + i, INVALID + ": '" + shown + "'" + hint);
    }
  }

  /** {@code $}: the end of the text, which only {@code |} or another {@code $} may follow. */
  private void endOfText() {
    char next = i + 1 < body.length() ? body.charAt(i + 1) : '|';
    if (next != '|' && next != '$') {
      throw new PatternSyntaxException(
          offset + i,
          "'$' must end the regex or an alternative: nothing can follow the end of the text"
              + " (write \\$ for a literal dollar sign)");
    }
    out.append(END);
  }

  /**
   * {@code \d \D \s \S \w \W}, {@code \xhh}, or a backslash before an operator or symbol; {@code
   * inClass} when inside {@code [...]}.
   */
  private void escape(boolean inClass) {
    int at = offset + i;
    if (i + 1 >= body.length()) {
      throw new PatternSyntaxException(at, "Regular expression ends with a lone '\\'");
    }
    char next = body.charAt(i + 1);
    if (next == 'x') {
      if (i + 3 >= body.length() || !isHex(body.charAt(i + 2)) || !isHex(body.charAt(i + 3))) {
        throw new PatternSyntaxException(at, "'\\x' must be followed by two hex digits");
      }
      out.append(body, i, i + 4);
      i += 4;
    } else if (next == 's') {
      out.append(inClass ? SPACE_CHARS : "[" + SPACE_CHARS + "]");
      i += 2;
    } else if (next == 'S') {
      out.append(inClass ? NON_SPACE_RANGES : "[" + NON_SPACE_RANGES + "]");
      i += 2;
    } else if (next == ' ') {
      out.append("\\x20");
      i += 2;
    } else if (AwsRegex.isClassEscape(next)
        || AwsRegex.isOperator(next)
        || AwsRegex.isSymbol(next)) {
      out.append('\\').append(next);
      i += 2;
    } else {
      i++;
      checkAllowed(next);
      throw new PatternSyntaxException(at, "Unsupported escape '\\" + next + "'");
    }
    afterQuantifier = false;
  }

  /**
   * Copies {@code [...]}: a {@code ]} right after {@code [} or {@code [^} is literal, and a nested
   * {@code [} is escaped because Java would read it as a class union.
   */
  private void characterClass() {
    int open = offset + i;
    out.append('[');
    i++;
    if (i < body.length() && body.charAt(i) == '^') {
      out.append('^');
      i++;
    }
    if (i < body.length() && body.charAt(i) == ']') {
      out.append("\\]");
      i++;
    }
    while (i < body.length()) {
      char c = body.charAt(i);
      checkAllowed(c);
      if (c == ']') {
        out.append(']');
        i++;
        afterQuantifier = false;
        return;
      }
      if (c == '\\') {
        escape(true);
        continue;
      }
      out.append(c == '[' ? "\\[" : String.valueOf(c));
      i++;
    }
    throw new PatternSyntaxException(open, "Unclosed character class '['");
  }

  /** {@code {m}}, {@code {m,}}, {@code {m,n}} and {@code {,n}} (RE2 needs {@code {0,n}}). */
  private void repetition() {
    int close = body.indexOf('}', i);
    String inner = close < 0 ? "" : body.substring(i + 1, close);
    int comma = inner.indexOf(',');
    String low = comma < 0 ? inner : inner.substring(0, comma);
    String high = comma < 0 ? "" : inner.substring(comma + 1);
    boolean valid =
        digits(low) && !low.isEmpty() && comma < 0
            || comma >= 0 && digits(low) && digits(high) && !(low.isEmpty() && high.isEmpty());
    if (!valid || afterQuantifier) {
      throw new PatternSyntaxException(
          offset + i, "Invalid repetition: expected {m}, {m,}, {,n} or {m,n} after an item");
    }
    if (!low.isEmpty() && Integer.parseInt(low) > MAX_REPEAT
        || !high.isEmpty() && Integer.parseInt(high) > MAX_REPEAT) {
      throw new PatternSyntaxException(
          offset + i,
          "Repetition count above " + MAX_REPEAT + " in '" + body.substring(i, close + 1) + "'");
    }
    out.append('{').append(low.isEmpty() ? "0" : low);
    if (comma >= 0) {
      out.append(',').append(high);
    }
    out.append('}');
    i = close + 1;
    afterQuantifier = true;
  }

  private static boolean digits(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (!Cursor.isAsciiDigit(s.charAt(k))) {
        return false;
      }
    }
    return s.length() <= 9;
  }

  private static boolean isHex(char c) {
    return Cursor.isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
