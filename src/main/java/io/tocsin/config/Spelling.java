package io.tocsin.config;

import java.util.Collection;

/**
 * "Did you mean" for a misspelt key or value: the closest known word, offered only when it is close
 * (at most two edits, and at most a third of the word), so an unrelated word gets no suggestion.
 */
public final class Spelling {

  private static final int MAX_EDITS = 2;

  private Spelling() {}

  /**
   * {@code "did you mean 'group_by'?"} for {@code gruop_by}, or {@code null} when none is close.
   */
  public static String didYouMean(String word, Collection<String> known) {
    String best = null;
    int bestEdits = Math.min(MAX_EDITS, Math.max(1, word.length() / 3)) + 1;
    for (String candidate : known) {
      int edits = distance(word, candidate);
      if (edits > 0 && edits < bestEdits) {
        best = candidate;
        bestEdits = edits;
      }
    }
    return best == null ? null : "did you mean '" + best + "'?";
  }

  /** Levenshtein distance, with an adjacent swap counted as one edit. */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
