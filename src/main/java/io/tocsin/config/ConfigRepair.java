package io.tocsin.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Takes a reported error out of a configuration tree so {@link ConfigLoader} can map it again and
 * find the next error, and so report every error of a file at once: an unknown key is dropped, a
 * bad value goes back to its default, and a bad list item without a default is dropped whole (so
 * its other fields cannot cause follow-on errors that are not the user's).
 */
final class ConfigRepair {

  private ConfigRepair() {}

  /** Removes {@code problem} from {@code tree}; {@code false} when nothing could be changed. */
  static boolean repair(ObjectNode tree, ObjectNode defaults, MappingProblem problem) {
    if (problem.path().isEmpty()) {
      return false;
    }
    String[] parts = problem.path().split("\\.");
    JsonNode parent = at(tree, parts, parts.length - 1);
    String last = parts[parts.length - 1];
    if (problem.unknownKey()) {
      return parent instanceof ObjectNode obj && obj.remove(last) != null;
    }
    JsonNode fallback = at(defaults, parts, parts.length);
    if (parent instanceof ObjectNode obj
        && !fallback.isMissingNode()
        && !fallback.equals(obj.get(last))) {
      obj.set(last, fallback.deepCopy());
      return true;
    }
    for (int i = parts.length - 1; i > 0; i--) {
      if (at(tree, parts, i) instanceof ArrayNode list && isIndex(parts[i])) {
        int index = Integer.parseInt(parts[i]);
        if (index < list.size()) {
          list.remove(index);
          return true;
        }
      }
    }
    return parent instanceof ObjectNode obj && obj.remove(last) != null;
  }

  /** The node at the first {@code depth} parts of the path, or a missing node. */
  private static JsonNode at(JsonNode root, String[] parts, int depth) {
    return MappingProblem.at(root, String.join(".", java.util.Arrays.copyOf(parts, depth)));
  }

  private static boolean isIndex(String part) {
    return !part.isEmpty() && part.chars().allMatch(Character::isDigit);
  }
}
