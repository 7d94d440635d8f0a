package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.config.Spelling;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * "Did you mean" hints for unknown keys in rule files: the closest key the rule-file schema defines
 * anywhere, when it is close (see {@link Spelling}).
 */
final class KeyHints {

  private static final Set<String> KNOWN = schemaKeys();

  private KeyHints() {}

  /** {@code "did you mean 'severity'?"} for {@code severty}, or {@code null} when none is close. */
  static String didYouMean(String unknown) {
    return Spelling.didYouMean(unknown, KNOWN);
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
