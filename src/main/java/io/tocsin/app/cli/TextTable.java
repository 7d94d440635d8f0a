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
    print(out, Integer.MAX_VALUE);
  }

  /**
   * Prints the header and rows, the last column cut so that a line is at most {@code width}
   * characters (it keeps at least its header's width).
   */
  void print(PrintWriter out, int width) {
    int[] widths = new int[headers.size()];
    int used = 0;
    for (int c = 0; c < widths.length; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], Math.min(caps[c], row.get(c).length()));
      }
      used += c < widths.length - 1 ? widths[c] + 2 : 0;
    }
    int last = widths.length - 1;
    widths[last] = Math.max(headers.get(last).length(), Math.min(widths[last], width - used));
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
