package io.tocsin.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for terminals: left-aligned columns two spaces apart, each capped at a width
 * (longer cells end in "…"), no trailing spaces, no control characters from the data.
 */
final class TextTable {

  private final List<String> headers;
  private final int[] caps;
  private final List<List<String>> rows = new ArrayList<>();

  /** A table with {@code headers}; {@code caps} are the widest each column may get. */
  TextTable(List<String> headers, int... caps) {
    if (caps.length != headers.size()) {
      throw new IllegalArgumentException("one cap per column");
    }
    this.headers = List.copyOf(headers);
    this.caps = caps.clone();
  }

  /**
   * Adds a row; {@code null} cells print as "-", runs of whitespace as one space, and control
   * characters escaped ({@link TerminalText}).
   */
  TextTable row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(
          cell == null ? "-" : TerminalText.safe(cell.toString().replaceAll("\\s+", " ").strip()));
    }
    rows.add(row);
    return this;
  }

  /** Prints the header and rows. */
  void print(PrintWriter out) {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], Math.min(caps[c], row.get(c).length()));
      }
    }
    line(out, headers, widths);
    rows.forEach(row -> line(out, row, widths));
  }

  private static void line(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder text = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      if (cell.length() > widths[c]) {
        cell = cell.substring(0, widths[c] - 1) + "…";
      }
      text.append(cell);
      if (c < cells.size() - 1) {
        text.append(" ".repeat(widths[c] - cell.length() + 2));
      }
    }
    out.println(text.toString().stripTrailing());
  }
}
