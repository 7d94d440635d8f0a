package io.tocsin.pattern;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudWatch Logs {@code %regex%} body: validated against AWS's character and escape rules,
 * translated to an equivalent {@link java.util.regex.Pattern} and searched with a step budget.
 */
final class AwsRegex {
  /** filter-patterns.md §A18: {@code :} and space are accepted besides the documented symbols. */
  private static final String SYMBOLS = "_#=@/;,-: ";

  private static final String OPERATORS = "^$?[]{}|\\*+.";
  private static final String CLASS_ESCAPES = "dDsSwW";
  private static final String TIME_LIMIT =
      "Regular expression evaluation time exceeded allowed limit";
  private static final long PROBE_BUDGET = 1_000_000;
  private static final int PROBE_LENGTH = 100;
  private static final String PROBE_CHARS = "a0 _A.-/:=,;@#";

  private final String source;
  private final Pattern pattern;
  private final ThreadLocal<Search> searches;

  private AwsRegex(String source, Pattern pattern) {
    this.source = source;
    this.pattern = pattern;
    this.searches = ThreadLocal.withInitial(() -> new Search(pattern));
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
    Pattern pattern;
    try {
      // filter-patterns.md §A16: Java's defaults, no flags ('.' stops at a newline, '$' may
      // precede a final
      // line break, '\s' is Java's set); AWS documents no flags either.
      pattern = Pattern.compile(translated);
    } catch (java.util.regex.PatternSyntaxException e) {
      int at = offset + Math.max(0, Math.min(e.getIndex(), body.length() - 1));
      throw new PatternSyntaxException(at, "Invalid regular expression: " + e.getDescription());
    }
    AwsRegex regex = new AwsRegex(body, pattern);
    regex.probe(offset);
    return regex;
  }

  /** The body as written between the {@code %} signs. */
  String source() {
    return source;
  }

  /**
   * Searches {@code text} (not a full match). A search that exceeds its step budget counts as no
   * match, like an event AWS could not evaluate in time.
   */
  boolean find(CharSequence text) {
    Search search = searches.get();
    return search.find(text, 1_000_000L + 100L * text.length());
  }

  /**
   * AWS refuses a regex whose evaluation takes too long at creation time (OBS aws-cdk#36901); this
   * runs it over short repetitive probes and refuses it the same way when they blow the budget.
   */
  private void probe(int offset) {
    Search search = new Search(pattern);
    for (int i = 0; i < PROBE_CHARS.length(); i++) {
      String probe = String.valueOf(PROBE_CHARS.charAt(i)).repeat(PROBE_LENGTH) + "!";
      if (!search.completes(probe)) {
        throw new PatternSyntaxException(offset, TIME_LIMIT);
      }
    }
  }

  /** One thread's reusable matcher and budgeted view of the message. */
  private static final class Search {
    private final BudgetedText view = new BudgetedText();
    private final Matcher matcher;

    Search(Pattern pattern) {
      matcher = pattern.matcher("");
    }

    boolean find(CharSequence text, long budget) {
      return search(text, budget) == Outcome.FOUND;
    }

    boolean completes(CharSequence probe) {
      return search(probe, PROBE_BUDGET) != Outcome.GAVE_UP;
    }

    private Outcome search(CharSequence text, long budget) {
      view.reset(text, budget);
      try {
        return matcher.reset(view).find() ? Outcome.FOUND : Outcome.NOT_FOUND;
      } catch (BudgetedText.Exhausted | StackOverflowError e) {
        return Outcome.GAVE_UP;
      } finally {
        view.clear();
      }
    }
  }

  /** How one budgeted search ended. */
  private enum Outcome {
    FOUND,
    NOT_FOUND,
    GAVE_UP
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
