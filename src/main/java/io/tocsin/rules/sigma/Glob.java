package io.tocsin.rules.sigma;

import java.util.Locale;

/**
 * A Sigma wildcard value: {@code *} any run of characters, {@code ?} one character, a backslash
 * escapes either (and itself). Matching walks text and glob with one backtrack point, so it is
 * linear in practice and never worse than text length times glob length — no regular expression an
 * event field could make slow.
 */
final class Glob {

  private static final char ANY = '\uE000';
  private static final char ONE = '\uE001';

  private final String glob;
  private final boolean cased;

  private Glob(String glob, boolean cased) {
    this.glob = glob;
    this.cased = cased;
  }

  /** The glob of a Sigma value as written; {@code cased} keeps letter case significant. */
  static Glob of(String value, boolean cased) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() && "*?\\".indexOf(value.charAt(i + 1)) >= 0) {
        out.append(value.charAt(++i));
      } else if (c == '*') {
        out.append(ANY);
      } else if (c == '?') {
        out.append(ONE);
      } else {
        out.append(c);
      }
    }
    String text = out.toString();
    return new Glob(cased ? text : text.toLowerCase(Locale.ROOT), cased);
  }

  /** A glob matching text that contains, starts or ends with {@code value}. */
  static String wrap(String value, boolean before, boolean after) {
    return (before ? "*" : "") + value + (after ? "*" : "");
  }

  /** Whether the whole of {@code text} matches. */
  boolean matches(String text) {
    String t = cased ? text : text.toLowerCase(Locale.ROOT);
    int ti = 0;
    int gi = 0;
    int star = -1;
    int mark = 0;
    while (ti < t.length()) {
      if (gi < glob.length() && (glob.charAt(gi) == ONE || glob.charAt(gi) == t.charAt(ti))) {
        ti++;
        gi++;
      } else if (gi < glob.length() && glob.charAt(gi) == ANY) {
        star = gi++;
        mark = ti;
      } else if (star >= 0) {
        gi = star + 1;
        ti = ++mark;
      } else {
        return false;
      }
    }
    while (gi < glob.length() && glob.charAt(gi) == ANY) {
      gi++;
    }
    return gi == glob.length();
  }
}
