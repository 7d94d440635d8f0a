package io.tocsin.detect.deploy;

import java.util.Arrays;

/**
 * Whether a log line is one {@link LambdaLines} counts: a REPORT line, or one holding a failure
 * term. In Lambda traffic four lines in five are START, END or the function's own output; the watch
 * passes on only the others, finding the terms in one pass over the line.
 */
final class LambdaSignals {

  /** The failure terms by their first character (all are ASCII). */
  private static final String[][] BY_FIRST_CHAR = new String[128][];

  static {
    for (String term : LambdaLines.FAILURE_TERMS) {
      char first = term.charAt(0);
      String[] known = BY_FIRST_CHAR[first] == null ? new String[0] : BY_FIRST_CHAR[first];
      String[] more = Arrays.copyOf(known, known.length + 1);
      more[known.length] = term;
      BY_FIRST_CHAR[first] = more;
    }
  }

  private LambdaSignals() {}

  /** Whether {@code message} is a REPORT line or holds a failure term. */
  static boolean carries(String message) {
    if (message == null) {
      return false;
    }
    if (message.startsWith(LambdaLines.REPORT)) {
      return true;
    }
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      String[] terms = c < BY_FIRST_CHAR.length ? BY_FIRST_CHAR[c] : null;
      if (terms != null) {
        for (String term : terms) {
          if (message.startsWith(term, i)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
