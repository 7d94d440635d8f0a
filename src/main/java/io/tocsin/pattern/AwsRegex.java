package io.tocsin.pattern;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * A CloudWatch Logs {@code %regex%} body: validated against AWS's character and escape rules,
 * translated to an equivalent RE2 expression and searched in time linear in the text.
 *
 * <p>RE2/J never backtracks, so no regex and no event, however hostile (a padded field of 64 KB, a
 * nested repetition), can stall a stream thread or make a search give up: every search has a true
 * answer. AWS refuses regexes whose evaluation exceeds its time limit at creation; tocsin has no
 * such limit to enforce and accepts them.
 */
final class AwsRegex {
  /** filter-patterns.md §A18: {@code :} and space are accepted besides the documented symbols. */
  private static final String SYMBOLS = "_#=@/;,-: ";

  private static final String OPERATORS = "^$?[]{}|\\*+.";
  private static final String CLASS_ESCAPES = "dDsSwW";

  private final String source;
  private final ThreadLocal<Matcher> matchers;

  private AwsRegex(String source, Pattern pattern) {
    this.source = source;
    this.matchers = ThreadLocal.withInitial(() -> pattern.matcher(""));
  }

  /**
   * Compiles the body of a {@code %…%} regex whose first character sits at {@code offset} in the
   * pattern text; every error position is reported relative to that text.
   */
  static AwsRegex compile(String body, int offset) {
    if (body.isEmpty()) {
      throw new PatternSyntaxException(offset, "Empty regular expression");
    }
    String translated = RegexTranslator.translate(body, offset);
    try {
      // filter-patterns.md §A16: the meaning of Java's defaults without flags ('.' stops at a line
      // terminator, '$' may precede a final line break, '\s' is Java's set), spelled out in RE2.
      return new AwsRegex(body, Pattern.compile(translated));
    } catch (com.google.re2j.PatternSyntaxException e) {
      throw new PatternSyntaxException(offset, "Invalid regular expression: " + e.getDescription());
    }
  }

  /** The body as written between the {@code %} signs. */
  String source() {
    return source;
  }

  /** Searches {@code text} (not a full match), in time linear in its length. */
  boolean find(CharSequence text) {
    Matcher matcher = matchers.get();
    try {
      return matcher.reset(text).find();
    } finally {
      matcher.reset("");
    }
  }

  static boolean isSymbol(char c) {
    return SYMBOLS.indexOf(c) >= 0;
  }

  static boolean isOperator(char c) {
    return OPERATORS.indexOf(c) >= 0;
  }

  static boolean isClassEscape(char c) {
    return CLASS_ESCAPES.indexOf(c) >= 0;
  }
}
