package io.tocsin.pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.JsonTrees;
import java.io.IOException;
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

  /** The one JSON value in {@code text}; {@code whole}: nothing may follow it. */
  private static JsonNode read(String text, boolean whole) throws IOException {
    try (JsonParser p = READER.createParser(text)) {
      if (p.nextToken() == null) {
        return null;
      }
      JsonNode node = JsonTrees.read(p);
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
          object.set(name, JsonTrees.read(p));
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
