package io.tocsin.pattern;

/**
 * The four filter-pattern forms of CloudWatch Logs, chosen by the first character
 * (filter-patterns.md §2).
 */
public enum PatternKind {
  /** Empty or whitespace-only pattern: every event matches. */
  MATCH_ALL,
  /**
   * Unstructured terms: substrings, quoted phrases, {@code ?} alternatives, {@code -} exclusions.
   */
  TERMS,
  /** A standalone {@code %regex%} searched in the whole message. */
  REGEX,
  /** {@code { $.selector op value ... }} over a JSON object event. */
  JSON,
  /** {@code [field, ..., field op value]} over a space-delimited event. */
  DELIMITED
}
