package io.tocsin.pattern;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;

/**
 * An Aho–Corasick automaton over many literals: one pass over a message reports every literal that
 * occurs in it (as a case-sensitive substring, overlaps included).
 */
final class LiteralScanner {
  private static final int ROOT = 0;
  private static final int ASCII = 128;

  /** Per state: sorted transition characters and their target states. */
  private final char[][] keys;

  private final int[][] targets;
  private final int[] rootAscii;
  private final int[] fail;

  /** Per state: the nearest state along the failure chain that ends a literal, or ROOT. */
  private final int[] outputLink;

  private final int[][] outputs;

  /**
   * Builds the automaton over non-empty {@code literals}; literal {@code i} is reported as bit
   * {@code i}.
   */
  LiteralScanner(List<String> literals) {
    List<TreeMap<Character, Integer>> trie = new ArrayList<>();
    List<List<Integer>> ends = new ArrayList<>();
    trie.add(new TreeMap<>());
    ends.add(new ArrayList<>());
    for (int id = 0; id < literals.size(); id++) {
      int state = ROOT;
      for (char c : literals.get(id).toCharArray()) {
        Integer next = trie.get(state).get(c);
        if (next == null) {
          next = trie.size();
          trie.get(state).put(c, next);
          trie.add(new TreeMap<>());
          ends.add(new ArrayList<>());
        }
        state = next;
      }
      ends.get(state).add(id);
    }
    int size = trie.size();
    keys = new char[size][];
    targets = new int[size][];
    outputs = new int[size][];
    for (int s = 0; s < size; s++) {
      keys[s] = new char[trie.get(s).size()];
      targets[s] = new int[trie.get(s).size()];
      int k = 0;
      for (Map.Entry<Character, Integer> edge : trie.get(s).entrySet()) {
        keys[s][k] = edge.getKey();
        targets[s][k++] = edge.getValue();
      }
      outputs[s] = ends.get(s).stream().mapToInt(Integer::intValue).toArray();
    }
    rootAscii = new int[ASCII];
    Arrays.fill(rootAscii, ROOT);
    for (int k = 0; k < keys[ROOT].length && keys[ROOT][k] < ASCII; k++) {
      rootAscii[keys[ROOT][k]] = targets[ROOT][k];
    }
    fail = new int[size];
    outputLink = new int[size];
    linkFailures();
  }

  /** Breadth-first: a state's failure link is the longest proper suffix that is also a prefix. */
  private void linkFailures() {
    Queue<Integer> queue = new ArrayDeque<>();
    for (int target : targets[ROOT]) {
      queue.add(target);
    }
    while (!queue.isEmpty()) {
      int state = queue.remove();
      for (int k = 0; k < keys[state].length; k++) {
        int child = targets[state][k];
        int f = fail[state];
        int next = transition(f, keys[state][k]);
        while (next < 0 && f != ROOT) {
          f = fail[f];
          next = transition(f, keys[state][k]);
        }
        fail[child] = next < 0 || next == child ? ROOT : next;
        outputLink[child] = outputs[fail[child]].length > 0 ? fail[child] : outputLink[fail[child]];
        queue.add(child);
      }
    }
  }

  /**
   * Sets bit {@code i} of {@code found} for every literal {@code i} that occurs in {@code text}.
   */
  void scan(String text, BitSet found) {
    int state = ROOT;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int next = state == ROOT && c < ASCII ? rootAscii[c] : transition(state, c);
      while (next < 0) {
        state = fail[state];
        next = state == ROOT && c < ASCII ? rootAscii[c] : transition(state, c);
      }
      state = next;
      for (int s = outputs[state].length > 0 ? state : outputLink[state];
          s != ROOT;
          s = outputLink[s]) {
        for (int id : outputs[s]) {
          found.set(id);
        }
      }
    }
  }

  /** The goto function: the target of {@code c} from {@code state}; -1 except at the root. */
  private int transition(int state, char c) {
    int k = Arrays.binarySearch(keys[state], c);
    return k >= 0 ? targets[state][k] : (state == ROOT ? ROOT : -1);
  }
}
