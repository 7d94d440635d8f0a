package io.tocsin.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A JSON property selector such as {@code $.a.b[0]}, {@code $.list[*].id}, {@code $.*} or {@code
 * $.['cluster.name']}, resolved against an event tree without allocating per step.
 */
final class JsonSelector {
  private static final int WILDCARD = -1;

  /** Per step: the member name, or null for an index / wildcard step. */
  private final String[] names;

  /** Per step: the array index, or {@link #WILDCARD}; unused for member steps. */
  private final int[] indexes;

  private final boolean wildcard;

  private JsonSelector(List<String> names, List<Integer> indexes) {
    this.names = names.toArray(new String[0]);
    this.indexes = indexes.stream().mapToInt(Integer::intValue).toArray();
    this.wildcard = indexes.contains(WILDCARD);
  }

  /** Reads a selector at the cursor; AWS allows one wildcard per selector and three per pattern. */
  static JsonSelector read(Cursor cursor) {
    int start = cursor.pos();
    if (cursor.atEnd() || cursor.peek() != '$') {
      throw cursor.unexpected("a selector starting with '$'");
    }
    cursor.pos(start + 1);
    List<String> names = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    while (!cursor.atEnd() && (cursor.peek() == '.' || cursor.peek() == '[')) {
      if (cursor.consume(".") && cursor.peek() != '[') {
        if (cursor.consume("*")) {
          names.add(null);
          indexes.add(WILDCARD);
        } else {
          names.add(memberName(cursor));
          indexes.add(0);
        }
      } else {
        bracket(cursor, names, indexes);
      }
    }
    if (names.isEmpty()) {
      throw cursor.unexpected("'.' or '[' after '$'");
    }
    long wildcards = indexes.stream().filter(i -> i == WILDCARD).count();
    if (wildcards > 1) {
      throw cursor.error(start, "A property selector may contain at most one wildcard");
    }
    if (wildcards == 1) {
      cursor.countWildcardSelector(start);
    }
    return new JsonSelector(names, indexes);
  }

  private static String memberName(Cursor cursor) {
    int start = cursor.pos();
    while (!cursor.atEnd() && isNameChar(cursor.peek())) {
      cursor.pos(cursor.pos() + 1);
    }
    if (cursor.pos() == start) {
      throw cursor.unexpected("a property name (letters, digits, '_' or '-') after '.'");
    }
    return cursor.text(start);
  }

  /**
   * {@code [n]}, {@code [*]} or, filter-patterns.md §A23, {@code ['any key']} (also after a dot).
   */
  private static void bracket(Cursor cursor, List<String> names, List<Integer> indexes) {
    int open = cursor.pos();
    cursor.expect('[');
    char c = cursor.peek();
    if (c == '\'' || c == '"') {
      int keyStart = cursor.pos() + 1;
      cursor.pos(keyStart);
      while (!cursor.atEnd() && cursor.peek() != c) {
        cursor.pos(cursor.pos() + 1);
      }
      if (cursor.atEnd()) {
        throw cursor.error(open, "Unterminated quoted property name");
      }
      names.add(cursor.text(keyStart));
      indexes.add(0);
      cursor.pos(cursor.pos() + 1);
    } else if (cursor.consume("*")) {
      names.add(null);
      indexes.add(WILDCARD);
    } else {
      int digitsStart = cursor.pos();
      while (!cursor.atEnd() && Cursor.isAsciiDigit(cursor.peek())) {
        cursor.pos(cursor.pos() + 1);
      }
      String digits = cursor.text(digitsStart);
      if (digits.isEmpty() || digits.length() > 9) {
        throw cursor.error(
            digitsStart, "Expected an array index, '*' or a quoted key inside '[ ]'");
      }
      names.add(null);
      indexes.add(Integer.parseInt(digits));
    }
    cursor.expect(']');
  }

  private static boolean isNameChar(char c) {
    return Cursor.isAsciiLetter(c) || Cursor.isAsciiDigit(c) || c == '_' || c == '-';
  }

  /**
   * The member of the root object this selector starts with, as a one-element set, or {@code null}
   * when it starts with a wildcard or an index and may reach any member.
   */
  Set<String> rootKeys() {
    return names[0] == null ? null : Set.of(names[0]);
  }

  boolean hasWildcard() {
    return wildcard;
  }

  /**
   * Whether {@code test} holds for some node the selector reaches from {@code root}.
   * filter-patterns.md §A19: a wildcard step ({@code [*]} or {@code .*}, over array elements and
   * object members alike) is existential for every operator, {@code !=} included.
   */
  boolean anyMatch(JsonNode root, Predicate<JsonNode> test) {
    return walk(root, 0, test);
  }

  /**
   * The text of the string or finite number a wildcard-free selector points at in {@code root}
   * (numbers as {@link Numbers#text} writes them), or null when it points at nothing else.
   */
  String scalarText(JsonNode root) {
    JsonNode node = resolve(root);
    if (node == null) {
      return null;
    }
    return node.isTextual()
        ? node.textValue()
        : Numbers.isFiniteNumber(node) ? Numbers.text(node) : null;
  }

  /** The node a wildcard-free selector points at, or null when the path does not exist. */
  private JsonNode resolve(JsonNode root) {
    JsonNode node = root;
    for (int step = 0; step < names.length && node != null; step++) {
      node = child(node, step);
    }
    return node;
  }

  private boolean walk(JsonNode node, int step, Predicate<JsonNode> test) {
    if (step == names.length) {
      return test.test(node);
    }
    if (names[step] != null || indexes[step] != WILDCARD) {
      JsonNode child = child(node, step);
      return child != null && walk(child, step + 1, test);
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        if (walk(node.get(i), step + 1, test)) {
          return true;
        }
      }
    } else if (node.isObject()) {
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        if (walk(it.next(), step + 1, test)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Selectors are equal when they take the same steps, however they were written. */
  @Override
  public boolean equals(Object other) {
    return other instanceof JsonSelector that
        && Arrays.equals(names, that.names)
        && Arrays.equals(indexes, that.indexes);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(names) + Arrays.hashCode(indexes);
  }

  /**
   * Out of range or the wrong container type means the path does not exist (filter-patterns.md
   * §5.2).
   */
  private JsonNode child(JsonNode node, int step) {
    if (names[step] != null) {
      return node.isObject() ? node.get(names[step]) : null;
    }
    int index = indexes[step];
    return node.isArray() && index < node.size() ? node.get(index) : null;
  }
}
