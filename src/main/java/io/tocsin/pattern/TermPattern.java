package io.tocsin.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A compiled term pattern (filter-patterns.md §3): case-sensitive substrings of the raw message,
 * required, excluded ({@code -term}) or alternative ({@code ?term}).
 */
final class TermPattern implements EventMatcher {

  /** How a term takes part in the decision. */
  enum Role {
    REQUIRED,
    EXCLUDED,
    OPTIONAL
  }

  /**
   * One term. {@code literal} is the text searched for; {@code ""} is always present
   * (filter-patterns.md §A3) and {@code null} is never present (filter-patterns.md §A4).
   */
  record Term(Role role, String literal) {
    /**
     * filter-patterns.md §A5: a case-sensitive substring, no word boundaries (ERROR matches
     * ERRORCODE).
     */
    boolean occursIn(String message) {
      return literal != null && message.contains(literal);
    }
  }

  private final List<Term> terms;
  private final boolean optionalOnly;

  private TermPattern(List<Term> terms) {
    this.terms = List.copyOf(terms);
    this.optionalOnly = terms.stream().allMatch(t -> t.role() == Role.OPTIONAL);
  }

  /** Parses {@code text[start, end)}, trimmed and non-empty. */
  static TermPattern parse(String text, int start, int end) {
    Cursor cursor = new Cursor(text, start, end);
    List<Term> terms = new ArrayList<>();
    cursor.skipWhitespace();
    while (!cursor.atEnd()) {
      int at = cursor.pos();
      char prefix = cursor.peek();
      Role role = prefix == '?' ? Role.OPTIONAL : prefix == '-' ? Role.EXCLUDED : Role.REQUIRED;
      if (role != Role.REQUIRED) {
        cursor.pos(at + 1);
        // filter-patterns.md §A24: "ERROR" - "Exiting" — a prefix followed by whitespace applies
        // to the
        // next term (treated the same way for '?').
        cursor.skipWhitespace();
        if (cursor.atEnd()) {
          throw cursor.error(at, "Expected a term after '" + prefix + "'");
        }
      }
      String literal = cursor.peek() == '"' ? quoted(cursor) : bare(cursor);
      terms.add(new Term(role, literal));
      cursor.skipWhitespace();
    }
    return new TermPattern(terms);
  }

  private static String quoted(Cursor cursor) {
    String content = cursor.quoted();
    if (!cursor.atEnd() && !Character.isWhitespace(cursor.peek())) {
      throw cursor.unexpected("whitespace after the closing quote");
    }
    // filter-patterns.md §A3: "" and " " match every event, even one without a space.
    return content.isBlank() ? "" : content;
  }

  private static String bare(Cursor cursor) {
    int start = cursor.pos();
    while (!cursor.atEnd() && !Character.isWhitespace(cursor.peek())) {
      cursor.pos(cursor.pos() + 1);
    }
    String word = cursor.text(start);
    if (word.length() > 1 && word.startsWith("%") && word.endsWith("%")) {
      // filter-patterns.md §A17: a regex mixed with terms is rejected rather than read as text.
      throw cursor.error(
          start, "A %regex% must be the whole pattern or a value in a JSON or delimited pattern");
    }
    // filter-patterns.md §A4: punctuation or non-ASCII must be quoted; such a bare term never
    // matches.
    return isPlainWord(word) ? word : null;
  }

  private static boolean isPlainWord(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (!Cursor.isAsciiLetter(c) && !Cursor.isAsciiDigit(c) && c != '_') {
        return false;
      }
    }
    return true;
  }

  /** The terms in pattern order, for {@link PatternSet}'s shared literal scan. */
  List<Term> terms() {
    return terms;
  }

  @Override
  public boolean matches(LogInput input) {
    String message = input.message();
    return evaluate(i -> terms.get(i).occursIn(message));
  }

  /** Every plain term occurs or, when there are only {@code ?} terms, one of them (see below). */
  @Override
  public Requirement requirement() {
    return optionalOnly
        ? Requirement.anyOf(terms.stream().map(TermPattern::occurs).toList())
        : Requirement.allOf(
            terms.stream()
                .filter(t -> t.role() == Role.REQUIRED)
                .map(TermPattern::occurs)
                .toList());
  }

  /** A term that always occurs, or never does, tells nothing about the event. */
  private static Requirement occurs(Term term) {
    String literal = term.literal();
    return literal == null || literal.isEmpty()
        ? Requirement.NONE
        : Requirement.of(new Need.Contains(literal));
  }

  /**
   * Decides from {@code present}, which says whether term {@code i} occurs. filter-patterns.md §A1:
   * when any plain or excluded term exists, {@code ?} terms are ignored; otherwise one of them must
   * occur. filter-patterns.md §A2: an exclusion-only pattern matches every event lacking the
   * excluded terms.
   */
  boolean evaluate(IntPredicate present) {
    if (optionalOnly) {
      for (int i = 0; i < terms.size(); i++) {
        if (present.test(i)) {
          return true;
        }
      }
      return false;
    }
    for (int i = 0; i < terms.size(); i++) {
      Role role = terms.get(i).role();
      if (role != Role.OPTIONAL && present.test(i) != (role == Role.REQUIRED)) {
        return false;
      }
    }
    return true;
  }
}
