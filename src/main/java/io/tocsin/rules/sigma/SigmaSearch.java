package io.tocsin.rules.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One named search of a Sigma {@code detection}, compiled: a map is the AND of its field entries, a
 * list of maps the OR of them, a list of plain values keywords (any of them found anywhere in the
 * event, without regard to case).
 */
final class SigmaSearch {

  private SigmaSearch() {}

  /** Compiles the search {@code name} defined as {@code definition}. */
  static Predicate<JsonNode> compile(String name, JsonNode definition) {
    if (definition.isObject()) {
      return map(name, definition);
    }
    if (definition.isArray() && definition.size() > 0) {
      boolean maps = true;
      boolean scalars = true;
      for (JsonNode element : definition) {
        maps &= element.isObject();
        scalars &= element.isValueNode() && !element.isNull();
      }
      if (maps) {
        List<Predicate<JsonNode>> alternatives = new ArrayList<>();
        definition.forEach(element -> alternatives.add(map(name, element)));
        return event -> alternatives.stream().anyMatch(p -> p.test(event));
      }
      if (scalars) {
        return keywords(definition);
      }
    }
    if (definition.isValueNode() && !definition.isNull()) {
      return keywords(List.of(definition));
    }
    throw new SigmaUnsupportedException(
        "search " + name + ": neither a map, a list of maps nor keywords");
  }

  private static Predicate<JsonNode> map(String name, JsonNode definition) {
    if (definition.isEmpty()) {
      throw new SigmaUnsupportedException("search " + name + ": an empty map");
    }
    List<SigmaFieldMatch> fields = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : definition.properties()) {
      fields.add(SigmaFieldMatch.compile(entry.getKey(), entry.getValue()));
    }
    return event -> {
      for (SigmaFieldMatch field : fields) {
        if (!field.test(event)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Predicate<JsonNode> keywords(Iterable<JsonNode> values) {
    List<Glob> globs = new ArrayList<>();
    values.forEach(v -> globs.add(Glob.of(Glob.wrap(v.asText(), true, true), false)));
    return event -> {
      String text = event.toString();
      return globs.stream().anyMatch(g -> g.matches(text));
    };
  }
}
