package io.tocsin.rules.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma field name resolved against a CloudTrail record: dots walk into objects (a literal member
 * with the whole dotted name wins), and an array on the way stands for each of its elements, so
 * {@code requestParameters.layers} reaches every layer of the list.
 */
final class SigmaField {

  private final String name;
  private final String[] steps;

  private SigmaField(String name) {
    this.name = name;
    this.steps = name.split("\\.");
  }

  /** The field {@code name} as written in the rule. */
  static SigmaField of(String name) {
    if (name.isEmpty()) {
      throw new SigmaUnsupportedException("an empty field name");
    }
    return new SigmaField(name);
  }

  /** The name as written. */
  String name() {
    return name;
  }

  /** Every value the field has in {@code event}; empty when it is absent. */
  List<JsonNode> values(JsonNode event) {
    List<JsonNode> found = new ArrayList<>(1);
    JsonNode whole = event.get(name);
    if (whole != null) {
      add(whole, found);
      return found;
    }
    walk(event, 0, found);
    return found;
  }

  private void walk(JsonNode node, int step, List<JsonNode> found) {
    if (node.isArray()) {
      for (JsonNode element : node) {
        walk(element, step, found);
      }
      return;
    }
    JsonNode next = node.get(steps[step]);
    if (next == null) {
      return;
    }
    if (step + 1 == steps.length) {
      add(next, found);
    } else {
      walk(next, step + 1, found);
    }
  }

  private static void add(JsonNode value, List<JsonNode> found) {
    if (value.isArray() && value.size() > 0 && !value.get(0).isContainerNode()) {
      value.forEach(found::add);
    } else {
      found.add(value);
    }
  }

  /**
   * The text a value compares as: a scalar as written; an object or array as JSON whose strings are
   * written unescaped, so a policy document held in a JSON string reads as the document itself
   * ({@code "Effect":"Allow"}, not {@code \"Effect\":\"Allow\"}).
   */
  static String text(JsonNode value) {
    if (value.isValueNode()) {
      return value.asText();
    }
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      out.append('{');
      String separator = "";
      for (var member : node.properties()) {
        out.append(separator).append('"').append(member.getKey()).append("\":");
        write(member.getValue(), out);
        separator = ",";
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        out.append(i == 0 ? "" : ",");
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isTextual()) {
      out.append('"').append(node.asText()).append('"');
    } else {
      out.append(node.asText());
    }
  }
}
