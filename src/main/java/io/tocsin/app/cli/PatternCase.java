package io.tocsin.app.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of a pattern case file ({@code pattern<TAB>log_message<TAB>match|nomatch[<TAB>note]}, raw
 * text without escaping), with its 1-based line number.
 */
record PatternCase(int line, String pattern, String message, String expected, String note) {
  static final String MATCH = "match";
  static final String NOMATCH = "nomatch";

  /** Whether the row has all three columns and an expectation of match or nomatch. */
  boolean wellFormed() {
    return message != null && (MATCH.equals(expected) || NOMATCH.equals(expected));
  }

  /**
   * The rows of a case file: blank lines and lines starting with {@code #} are skipped, and so is
   * line 1 when its third column is not match/nomatch (a header such as {@code
   * pattern<TAB>log_message<TAB>expected<TAB>note}); a later such row is reported as malformed.
   */
  static List<PatternCase> parse(List<String> lines) {
    List<PatternCase> cases = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t", 4);
      PatternCase row =
          new PatternCase(
              i + 1,
              columns[0],
              columns.length > 1 ? columns[1] : null,
              columns.length > 2 ? columns[2].strip() : null,
              columns.length > 3 ? columns[3] : "");
      boolean header = i == 0 && columns.length > 2 && !row.wellFormed();
      if (!header) {
        cases.add(row);
      }
    }
    return cases;
  }
}
