package io.tocsin.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Parses conditions joined by {@code &&} and {@code ||} with parentheses, {@code &&} binding
 * tighter than {@code ||} (filter-patterns.md §5.1); the leaves are read by the caller (JSON or
 * delimited).
 */
final class ConditionParser<T> {

  /** Reads one leaf condition at the cursor. */
  @FunctionalInterface
  interface LeafReader<T> {
    Predicate<T> read(Cursor cursor);
  }

  private final Cursor cursor;
  private final LeafReader<T> leaf;

  private ConditionParser(Cursor cursor, LeafReader<T> leaf) {
    this.cursor = cursor;
    this.leaf = leaf;
  }

  /** Parses one {@code ||} expression and leaves the cursor after its last token. */
  static <T> Predicate<T> parse(Cursor cursor, LeafReader<T> leaf) {
    return new ConditionParser<>(cursor, leaf).anyOf();
  }

  /**
   * The requirement of a condition {@link #parse} returned: its {@code &&} and {@code ||} over what
   * {@code leaf} says of each leaf condition.
   */
  static <T> Requirement requirement(
      Predicate<T> condition, Function<Predicate<T>, Requirement> leaf) {
    if (condition instanceof AllOf<T> all) {
      return Requirement.allOf(all.parts().stream().map(p -> requirement(p, leaf)).toList());
    }
    if (condition instanceof AnyOf<T> any) {
      return Requirement.anyOf(any.parts().stream().map(p -> requirement(p, leaf)).toList());
    }
    return leaf.apply(condition);
  }

  private Predicate<T> anyOf() {
    List<Predicate<T>> parts = new ArrayList<>();
    parts.add(allOf());
    while (skipThenConsume("||")) {
      parts.add(allOf());
    }
    return parts.size() == 1 ? parts.get(0) : new AnyOf<>(List.copyOf(parts));
  }

  private Predicate<T> allOf() {
    List<Predicate<T>> parts = new ArrayList<>();
    parts.add(unary());
    while (skipThenConsume("&&")) {
      parts.add(unary());
    }
    return parts.size() == 1 ? parts.get(0) : new AllOf<>(List.copyOf(parts));
  }

  private Predicate<T> unary() {
    cursor.skipWhitespace();
    if (cursor.atEnd() || cursor.peek() != '(') {
      return leaf.read(cursor);
    }
    int open = cursor.pos();
    cursor.pos(open + 1);
    Predicate<T> inner = anyOf();
    cursor.skipWhitespace();
    if (cursor.atEnd() || cursor.peek() != ')') {
      throw cursor.unexpected("')' to close the '(' at position " + open);
    }
    cursor.pos(cursor.pos() + 1);
    return inner;
  }

  private boolean skipThenConsume(String operator) {
    cursor.skipWhitespace();
    return cursor.consume(operator);
  }

  /** True when every part is true. */
  private record AllOf<T>(List<Predicate<T>> parts) implements Predicate<T> {
    @Override
    public boolean test(T value) {
      for (int i = 0; i < parts.size(); i++) {
        if (!parts.get(i).test(value)) {
          return false;
        }
      }
      return true;
    }
  }

  /** True when at least one part is true. */
  private record AnyOf<T>(List<Predicate<T>> parts) implements Predicate<T> {
    @Override
    public boolean test(T value) {
      for (int i = 0; i < parts.size(); i++) {
        if (parts.get(i).test(value)) {
          return true;
        }
      }
      return false;
    }
  }
}
