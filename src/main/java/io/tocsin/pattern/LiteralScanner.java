package io.tocsin.pattern;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;

/**
 * An Aho–Corasick automaton over many literals: one pass over a message reports every literal that
 * occurs in it (as a case-sensitive substring, overlaps included). The automaton is compiled to a
 * table with one next state per state and character, so each character of a message costs one
 * look-up; characters that occur in no literal share one column. A table entry holds the next
 * state's row offset, bit-inverted (negative) when a literal ends in that state. While no literal
 * is under way, the scan skips ahead to the next pair of characters that begins one: a loop with no
 * table walk, several times faster per character than the automaton's chain of look-ups.
 */
final class LiteralScanner {
  private static final int ROOT = 0;
  private static final int ASCII = 128;

  /** Per ASCII character: its column in {@link #next}; 0 for characters in no literal. */
  private final int[] asciiColumn = new int[ASCII];

  /** The columns of the other characters that occur in literals. */
  private final Map<Character, Integer> otherColumns = new HashMap<>();

  private final int columns;

  /**
   * The next state: {@code next[state * columns + column]} is {@code next state * columns}, or its
   * bit inversion when some literal ends there or along its failure chain.
   */
  private final int[] next;

  /** Per state: the nearest state along the failure chain that ends a literal, or ROOT. */
  private final int[] outputLink;

  private final int[][] outputs;

  /**
   * Bit {@code a * 128 + b}: some literal begins with ASCII characters {@code a, b}; null when a
   * literal is shorter than two characters or begins otherwise, and every position must be walked.
   */
  private final long[] startPairs;

  /**
   * Builds the automaton over non-empty {@code literals}; literal {@code i} is reported as bit
   * {@code i}.
   */
  LiteralScanner(List<String> literals) {
    List<TreeMap<Character, Integer>> trie = new ArrayList<>();
    List<List<Integer>> ends = new ArrayList<>();
    trie.add(new TreeMap<>());
    ends.add(new ArrayList<>());
    List<Character> alphabet = new ArrayList<>();
    for (int id = 0; id < literals.size(); id++) {
      int state = ROOT;
      for (char c : literals.get(id).toCharArray()) {
        if (column(c) == 0) {
          alphabet.add(c);
          if (c < ASCII) {
            asciiColumn[c] = alphabet.size();
          } else {
            otherColumns.put(c, alphabet.size());
          }
        }
        Integer child = trie.get(state).get(c);
        if (child == null) {
          child = trie.size();
          trie.get(state).put(c, child);
          trie.add(new TreeMap<>());
          ends.add(new ArrayList<>());
        }
        state = child;
      }
      ends.get(state).add(id);
    }
    int size = trie.size();
    columns = alphabet.size() + 1;
    next = new int[size * columns];
    outputLink = new int[size];
    outputs = new int[size][];
    for (int s = 0; s < size; s++) {
      outputs[s] = ends.get(s).stream().mapToInt(Integer::intValue).toArray();
    }
    startPairs = startPairs(literals);
    boolean[] reports = compile(trie, alphabet);
    for (int i = 0; i < next.length; i++) {
      int state = next[i];
      next[i] = reports[state] ? ~(state * columns) : state * columns;
    }
  }

  /**
   * Breadth-first, so that a state's failure state (the longest proper suffix that is also a
   * prefix) is done before it: a missing edge goes where the failure state's edge goes. Fills
   * {@link #next} with state numbers; returns per state whether a literal ends there or along its
   * failure chain.
   */
  private boolean[] compile(List<TreeMap<Character, Integer>> trie, List<Character> alphabet) {
    boolean[] reports = new boolean[trie.size()];
    int[] fail = new int[trie.size()];
    Queue<Integer> queue = new ArrayDeque<>();
    queue.add(ROOT);
    while (!queue.isEmpty()) {
      int state = queue.remove();
      for (int k = 1; k < columns; k++) {
        Integer child = trie.get(state).get(alphabet.get(k - 1));
        int fallback = state == ROOT ? ROOT : next[fail[state] * columns + k];
        if (child == null) {
          next[state * columns + k] = fallback;
        } else {
          next[state * columns + k] = child;
          fail[child] = fallback;
          outputLink[child] = outputs[fallback].length > 0 ? fallback : outputLink[fallback];
          reports[child] = outputs[child].length > 0 || outputLink[child] != ROOT;
          queue.add(child);
        }
      }
    }
    return reports;
  }

  private static long[] startPairs(List<String> literals) {
    long[] pairs = new long[ASCII * ASCII / Long.SIZE];
    for (String literal : literals) {
      if (literal.length() < 2 || (literal.charAt(0) | literal.charAt(1)) >= ASCII) {
        return null;
      }
      int pair = literal.charAt(0) * ASCII + literal.charAt(1);
      pairs[pair >>> 6] |= 1L << pair;
    }
    return pairs;
  }

  /** The first position from {@code i} where a literal may begin; {@code n - 1} if none. */
  private int nextStart(String text, int i, int n) {
    char b = text.charAt(i);
    for (; i < n - 1; i++) {
      char a = b;
      b = text.charAt(i + 1);
      int pair = a * ASCII + b;
      if ((a | b) < ASCII && (startPairs[pair >>> 6] & (1L << pair)) != 0) {
        return i;
      }
    }
    return n - 1;
  }

  private int column(char c) {
    return c < ASCII ? asciiColumn[c] : otherColumns.getOrDefault(c, 0);
  }

  /**
   * Sets bit {@code i} of {@code found} for every literal {@code i} that occurs in {@code text}.
   */
  void scan(String text, BitSet found) {
    int row = ROOT;
    for (int i = 0, n = text.length(); i < n; i++) {
      if (row == ROOT && startPairs != null) {
        i = nextStart(text, i, n); // the last character alone begins no literal: walked, harmless
      }
      int entry = next[row + column(text.charAt(i))];
      if (entry >= 0) {
        row = entry;
      } else {
        row = ~entry;
        int state = row / columns;
        for (int s = outputs[state].length > 0 ? state : outputLink[state];
            s != ROOT;
            s = outputLink[s]) {
          for (int id : outputs[s]) {
            found.set(id);
          }
        }
      }
    }
  }
}
