package io.tocsin.rules.sigma;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The aggregation after a Sigma condition's {@code |}: {@code count() [by FIELD, …] OP N}. It runs
 * as a tocsin threshold rule (a count of matching events per group over {@code timeframe}); {@code
 * count(FIELD)} (distinct values) and {@code near} are refused.
 *
 * @param by the fields that separate the counts, as written; empty: one count per account
 * @param comparison {@code >}, {@code >=}, {@code <} or {@code <=}
 * @param threshold the count compared
 */
record SigmaAggregation(List<String> by, String comparison, long threshold) {

  private static final Pattern COUNT =
      Pattern.compile(
          "count\\(\\s*([\\w.]*)\\s*\\)\\s*(?:by\\s+([\\w.]+(?:\\s*,\\s*[\\w.]+)*))?\\s*"
              + "(>=|<=|==|=|>|<)\\s*(\\d+)");

  /** Parses the text after {@code |}. */
  static SigmaAggregation parse(String text) {
    String trimmed = text.trim();
    if (trimmed.startsWith("near")) {
      throw new SigmaUnsupportedException(
          "aggregation near (temporal proximity of two searches across events)");
    }
    Matcher m = COUNT.matcher(trimmed);
    if (!m.matches()) {
      throw new SigmaUnsupportedException("aggregation '" + trimmed + "'");
    }
    if (!m.group(1).isEmpty()) {
      throw new SigmaUnsupportedException(
          "aggregation count(" + m.group(1) + ") — a count of distinct values");
    }
    String comparison = m.group(3);
    if (comparison.startsWith("=")) {
      throw new SigmaUnsupportedException("aggregation comparison '" + comparison + "'");
    }
    List<String> by =
        m.group(2) == null
            ? List.of()
            : Arrays.stream(m.group(2).split(",")).map(String::trim).toList();
    return new SigmaAggregation(by, comparison, Long.parseLong(m.group(4)));
  }
}
