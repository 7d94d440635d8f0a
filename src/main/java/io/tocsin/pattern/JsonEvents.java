package io.tocsin.pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Parses a log message as one JSON object the way filter patterns need it: numbers keep their exact
 * value and the text they were written with.
 */
final class JsonEvents {
  /**
   * Makes the parsers; trees are built here so that decimals keep their exact value and scale
   * (400.0 equals 400, filter-patterns.md §A27) and their text, and a message is JSON only if the
   * object is the whole message (filter-patterns.md §A21).
   */
  private static final ObjectReader READER = JsonMapper.builder().build().reader();

  private JsonEvents() {}

  /**
   * The message as a JSON object, or null when it is not exactly one JSON object.
   * filter-patterns.md §A22: with duplicate keys the last occurrence wins.
   */
  static JsonNode parseObject(String message) {
    return parseObject(message, null);
  }

  /**
   * The message as a JSON object holding only its root members {@code keys} ({@code null}: all), or
   * null when it is not exactly one JSON object; the other members are scanned, not built. The
   * members kept are the nodes a whole parse builds.
   */
  static JsonNode parseObject(String message, Set<String> keys) {
    if (!startsLikeObject(message)) {
      return null;
    }
    try {
      if (keys == null) {
        JsonNode node = read(message, true);
        return node != null && node.isObject() ? node : null;
      }
      ObjectNode plain = JsonObjectScan.members(message, keys);
      return plain != null ? plain : members(message, keys);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The JSON value {@code text} (one member's, taken out of a message) as the whole parse builds
   * it.
   */
  static JsonNode value(String text) throws IOException {
    return read(text, false);
  }

  /**
   * The value at the parser as the whole parse builds it: objects (filter-patterns.md §A22: the
   * last of duplicate keys wins), arrays and scalars, every number keeping the text it was written
   * with ({@link WrittenNumber}) where its value alone cannot give that text back.
   */
  private static JsonNode tree(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
          p.nextToken();
          object.set(name, tree(p));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          array.add(tree(p));
        }
        yield array;
      }
      case VALUE_STRING -> TextNode.valueOf(p.getText());
      case VALUE_TRUE -> BooleanNode.TRUE;
      case VALUE_FALSE -> BooleanNode.FALSE;
      case VALUE_NULL -> NullNode.getInstance();
      case VALUE_NUMBER_INT -> integer(p);
      case VALUE_NUMBER_FLOAT -> new WrittenNumber(p.getDecimalValue(), p.getText());
      default -> throw new IOException("unexpected " + p.currentToken() + " in a JSON value");
    };
  }

  /** An integer; JSON writes every integer canonically except negative zero. */
  private static JsonNode integer(JsonParser p) throws IOException {
    if (p.getTextLength() == 2 && p.getText().equals("-0")) {
      return new WrittenNumber(BigDecimal.ZERO, "-0");
    }
    return switch (p.getNumberType()) {
      case INT -> IntNode.valueOf(p.getIntValue());
      case LONG -> LongNode.valueOf(p.getLongValue());
      default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
    };
  }

  /** The one JSON value in {@code text}; {@code whole}: nothing may follow it. */
  private static JsonNode read(String text, boolean whole) throws IOException {
    try (JsonParser p = READER.createParser(text)) {
      if (p.nextToken() == null) {
        return null;
      }
      JsonNode node = tree(p);
      return whole && p.nextToken() != null ? null : node;
    }
  }

  private static ObjectNode members(String message, Set<String> keys) throws IOException {
    try (JsonParser p = READER.createParser(message)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
        p.nextToken();
        if (keys.contains(name)) {
          object.set(name, tree(p));
        } else {
          p.skipChildren();
        }
      }
      boolean closed = p.currentToken() == JsonToken.END_OBJECT;
      return closed && p.nextToken() == null ? object : null;
    }
  }

  private static boolean startsLikeObject(String message) {
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '{';
      }
    }
    return false;
  }
}
