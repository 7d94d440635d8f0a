package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * "Did you mean" hints for unknown keys in rule files: the closest key the rule-file schema defines
 * anywhere, when it is at most two edits away.
 */
final class KeyHints {

  private static final Set<String> KNOWN = schemaKeys();
  private static final int MAX_EDITS = 2;

  private KeyHints() {}

  /** {@code "; did you mean 'severity'?"} for {@code severty}, or "" when nothing is close. */
  static String didYouMean(String unknown) {
    String best = null;
    int bestEdits = MAX_EDITS + 1;
    for (String key : KNOWN) {
      int edits = distance(unknown, key);
      if (edits < bestEdits) {
        best = key;
        bestEdits = edits;
      }
    }
    return best == null ? "" : "; did you mean '" + best + "'?";
  }

  /** Levenshtein distance, with an adjacent swap counted as one edit. */
  static int distance(String a, String b) {
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

  private static Set<String> schemaKeys() {
    try (InputStream in =
        KeyHints.class.getClassLoader().getResourceAsStream("rules/rule-file.schema.json")) {
      Set<String> keys = new TreeSet<>();
      collect(new ObjectMapper().readTree(in), keys);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collect(JsonNode node, Set<String> keys) {
    if (node.isObject() && node.path("properties").isObject()) {
      node.path("properties").fieldNames().forEachRemaining(keys::add);
    }
    node.forEach(child -> collect(child, keys));
  }
}
