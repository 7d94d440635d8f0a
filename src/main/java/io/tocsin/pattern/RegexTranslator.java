package io.tocsin.pattern;

/**
 * Checks a {@code %regex%} body against the constructs AWS documents (filter-patterns.md §4) and
 * rewrites it into {@link java.util.regex.Pattern} syntax with the same meaning.
 */
final class RegexTranslator {
  private static final String INVALID = "Invalid character(s) in term";

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
        escape();
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

  /** {@code \d \D \s \S \w \W}, {@code \xhh}, or a backslash before an operator or symbol. */
  private void escape() {
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
        escape();
        continue;
      }
      out.append(c == '[' ? "\\[" : String.valueOf(c));
      i++;
    }
    throw new PatternSyntaxException(open, "Unclosed character class '['");
  }

  /** {@code {m}}, {@code {m,}}, {@code {m,n}} and {@code {,n}} (Java needs {@code {0,n}}). */
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
