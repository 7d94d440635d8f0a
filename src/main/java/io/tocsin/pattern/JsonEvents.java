package io.tocsin.pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** Parses a log message as one JSON object the way filter patterns need it. */
final class JsonEvents {
  private static final ObjectReader READER =
      JsonMapper.builder()
          // Decimals keep their exact value and scale: 400.0 equals 400 (Ambiguity A27).
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          // A message is JSON only if the object is the whole message (Ambiguity A21).
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build()
          .reader();

  private JsonEvents() {}

  /**
   * The message as a JSON object, or null when it is not exactly one JSON object. Ambiguity A22:
   * with duplicate keys the last occurrence wins.
   */
  static JsonNode parseObject(String message) {
    if (!startsLikeObject(message)) {
      return null;
    }
    try {
      JsonNode node = READER.readTree(message);
      return node != null && node.isObject() ? node : null;
    } catch (IOException | RuntimeException e) {
      return null;
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
