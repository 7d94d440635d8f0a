package io.tocsin.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A compiled {@code { … }} pattern (filter-patterns.md §5): conditions on selectors of a JSON
 * object event, joined by {@code &&} / {@code ||} with parentheses.
 */
final class JsonPattern implements EventMatcher {
  private static final Predicate<JsonNode> ANY_NODE = node -> true;
  private static final Predicate<JsonNode> IS_NULL = JsonNode::isNull;
  private static final Predicate<JsonNode> IS_TRUE =
      node -> node.isBoolean() && node.booleanValue();
  private static final Predicate<JsonNode> IS_FALSE =
      node -> node.isBoolean() && !node.booleanValue();

  private final Predicate<JsonNode> condition;

  /** The members of the event object the condition reads, or null when it may read any. */
  private final Set<String> rootKeys;

  private JsonPattern(Predicate<JsonNode> condition, Set<String> rootKeys) {
    this.condition = condition;
    this.rootKeys = rootKeys;
  }

  /** {@code selector op value}: the comparison holds for some node the selector reaches. */
  private static final class Compared implements Predicate<JsonNode> {
    private final JsonSelector selector;
    private final Comparison comparison;
    private final Predicate<JsonNode> test;

    Compared(JsonSelector selector, Comparison comparison) {
      this.selector = selector;
      this.comparison = comparison;
      this.test = comparison::testJson;
    }

    @Override
    public boolean test(JsonNode root) {
      return selector.anyMatch(root, test);
    }

    /** An exact text at a wildcard-free selector; the raw text may escape it, so nothing else. */
    Requirement requirement() {
      String text = comparison.exactText();
      return text == null || selector.hasWildcard()
          ? Requirement.NONE
          : Requirement.of(new Need.Equals(new JsonSlot(selector), text));
    }
  }

  /** The string or number a wildcard-free selector points at, as comparisons read it. */
  private record JsonSlot(JsonSelector selector) implements Slot {
    @Override
    public String textIn(LogInput input) {
      return selector.scalarText(input.jsonObject(selector.rootKeys()));
    }
  }

  /** Parses {@code text[start, end)}, which starts with '{' and ends with '}'. */
  static JsonPattern parse(String text, int start, int end) {
    Cursor cursor = new Cursor(text, start + 1, end - 1);
    cursor.skipWhitespace();
    if (cursor.atEnd()) {
      throw cursor.error("Empty JSON filter pattern: expected a condition such as $.field = value");
    }
    List<JsonSelector> selectors = new ArrayList<>();
    Predicate<JsonNode> condition =
        ConditionParser.parse(cursor, c -> condition(c, selectors::add));
    cursor.skipWhitespace();
    if (!cursor.atEnd()) {
      throw cursor.unexpected("'&&', '||' or the closing '}'");
    }
    return new JsonPattern(condition, rootKeys(selectors));
  }

  private static Set<String> rootKeys(List<JsonSelector> selectors) {
    Set<String> keys = new HashSet<>();
    for (JsonSelector selector : selectors) {
      Set<String> some = selector.rootKeys();
      if (some == null) {
        return null;
      }
      keys.addAll(some);
    }
    return Set.copyOf(keys);
  }

  /** The members of the event object this pattern reads, or null when it may read any. */
  Set<String> rootKeys() {
    return rootKeys;
  }

  /**
   * filter-patterns.md §5.2: a message that is not one JSON object (including one with a text
   * prefix, filter-patterns.md §A21, or an array or scalar root, filter-patterns.md §A20) matches
   * no JSON pattern, not even NOT EXISTS.
   */
  @Override
  public boolean matches(LogInput input) {
    JsonNode root = input.jsonObject(rootKeys);
    return root != null && condition.test(root);
  }

  @Override
  public Requirement requirement() {
    return ConditionParser.requirement(
        condition,
        leaf -> leaf instanceof Compared compared ? compared.requirement() : Requirement.NONE);
  }

  /** {@code selector op value}, {@code IS NULL|TRUE|FALSE} or {@code NOT EXISTS}. */
  private static Predicate<JsonNode> condition(Cursor cursor, Consumer<JsonSelector> selectors) {
    JsonSelector selector = JsonSelector.read(cursor);
    selectors.accept(selector);
    cursor.skipWhitespace();
    int keywordAt = cursor.pos();
    return switch (keyword(cursor)) {
      case "" -> new Compared(selector, Comparison.read(cursor, ")"));
      case "IS" -> anyNode(selector, is(cursor, keywordAt));
      case "NOT" -> {
        expectExists(cursor, keywordAt);
        // NOT EXISTS: the path reaches no node at all; a JSON null does exist.
        yield root -> !selector.anyMatch(root, ANY_NODE);
      }
      case "EXISTS" ->
          throw cursor.error(
              keywordAt, "EXISTS is not supported: use '= *' to test that a field is present");
      default ->
          throw cursor.error(
              keywordAt, "Expected a comparison operator, IS or NOT EXISTS after the selector");
    };
  }

  private static Predicate<JsonNode> anyNode(JsonSelector selector, Predicate<JsonNode> test) {
    return root -> selector.anyMatch(root, test);
  }

  private static Predicate<JsonNode> is(Cursor cursor, int keywordAt) {
    cursor.skipWhitespace();
    int valueAt = cursor.pos();
    return switch (keyword(cursor)) {
      case "NULL" -> IS_NULL;
      case "TRUE" -> IS_TRUE;
      case "FALSE" -> IS_FALSE;
      case "NOT" -> throw cursor.error(keywordAt, "IS NOT is not supported");
      default -> throw cursor.error(valueAt, "Expected NULL, TRUE or FALSE after IS");
    };
  }

  private static void expectExists(Cursor cursor, int keywordAt) {
    cursor.skipWhitespace();
    if (!keyword(cursor).equals("EXISTS")) {
      throw cursor.error(keywordAt, "Expected EXISTS after NOT");
    }
  }

  /** filter-patterns.md §A9: keywords are matched without regard to case. */
  private static String keyword(Cursor cursor) {
    return cursor.identifier().toUpperCase(Locale.ROOT);
  }
}
