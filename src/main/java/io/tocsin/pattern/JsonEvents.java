package io.tocsin.pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Set;

/** Parses a log message as one JSON object the way filter patterns need it. */
final class JsonEvents {
  private static final ObjectReader READER =
      JsonMapper.builder()
          // Decimals keep their exact value and scale: 400.0 equals 400 (filter-patterns.md §A27).
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          // A message is JSON only if the object is the whole message (filter-patterns.md §A21).
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build()
          .reader();

  /** Reads one member's value inside a message, which goes on after it. */
  private static final ObjectReader MEMBER_READER =
      READER.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
        JsonNode node = READER.readTree(message);
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
    return MEMBER_READER.readTree(text);
  }

  /**
   * The value at the parser as the whole parse builds it: the common scalars directly, decimals
   * (exact, as the reader keeps them) and containers by the reader.
   */
  private static JsonNode member(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_STRING -> TextNode.valueOf(p.getText());
      case VALUE_TRUE -> BooleanNode.TRUE;
      case VALUE_FALSE -> BooleanNode.FALSE;
      case VALUE_NULL -> NullNode.getInstance();
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> IntNode.valueOf(p.getIntValue());
            case LONG -> LongNode.valueOf(p.getLongValue());
            default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
          };
      default -> MEMBER_READER.readTree(p);
    };
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
          object.set(name, member(p));
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
