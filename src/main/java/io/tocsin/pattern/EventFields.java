package io.tocsin.pattern;

import java.util.Arrays;

/**
 * A message split into space-delimited fields (filter-patterns.md §6.1): text between {@code [ ]}
 * or {@code " "} is one field without its delimiters, anything else runs to the next whitespace.
 * Only where the fields are is worked out up front; a value is cut out of the message when first
 * read.
 */
final class EventFields {
  private final String message;
  private final int[] starts;
  private final int[] ends;
  private final boolean[] enclosed;
  private final int count;
  private String[] values;
  private String[] rests;

  private EventFields(String message, int[] starts, int[] ends, boolean[] enclosed, int count) {
    this.message = message;
    this.starts = starts;
    this.ends = ends;
    this.enclosed = enclosed;
    this.count = count;
  }

  /**
   * Splits {@code message}. filter-patterns.md §A14: any run of whitespace is one separator.
   * filter-patterns.md §A15: a {@code [} or {@code "} without its closing partner is ordinary text
   * of a plain field.
   */
  static EventFields split(String message) {
    int n = message.length();
    int[] starts = new int[8];
    int[] ends = new int[8];
    boolean[] enclosed = new boolean[8];
    int count = 0;
    int i = 0;
    while (true) {
      while (i < n && Character.isWhitespace(message.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
        enclosed = Arrays.copyOf(enclosed, count * 2);
      }
      char c = message.charAt(i);
      int close =
          c == '[' ? message.indexOf(']', i + 1) : c == '"' ? message.indexOf('"', i + 1) : -1;
      int end;
      if (close >= 0) {
        end = close + 1;
      } else {
        end = i;
        while (end < n && !Character.isWhitespace(message.charAt(end))) {
          end++;
        }
      }
      enclosed[count] = close >= 0;
      starts[count] = i;
      ends[count] = end;
      count++;
      i = end;
    }
    return new EventFields(message, starts, ends, enclosed, count);
  }

  /** How many fields the message has. */
  int count() {
    return count;
  }

  /** The value of field {@code index} (0-based), without enclosing brackets or quotes. */
  String value(int index) {
    if (values == null) {
      values = new String[count];
    }
    if (values[index] == null) {
      int trim = enclosed[index] ? 1 : 0;
      values[index] = message.substring(starts[index] + trim, ends[index] - trim);
    }
    return values[index];
  }

  /**
   * Field {@code index} together with every field after it, as written in the message — what the
   * last element of a pattern without an ellipsis binds to (filter-patterns.md §A13). A single
   * remaining field gives just its value. Computed once per index.
   */
  String restFrom(int index) {
    if (index == count - 1) {
      return value(index);
    }
    if (rests == null) {
      rests = new String[count];
    }
    if (rests[index] == null) {
      rests[index] = message.substring(starts[index], ends[count - 1]);
    }
    return rests[index];
  }
}
