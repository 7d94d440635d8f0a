package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import io.tocsin.config.MappingProblem;
import io.tocsin.config.Spelling;
import io.tocsin.config.YamlLocations;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule-file schema's violations in the user's words: the rule and field, what was expected and
 * what is written ({@code expected a whole number, got "three"}), "did you mean" for a misspelt key
 * or value — each placed at its line and column.
 */
final class SchemaMessages {

  private static final Pattern TYPE = Pattern.compile("^(\\w+) found, (\\w+) expected$");
  private static final Pattern ENUM = Pattern.compile("enumeration \\[(.*)]$");
  private static final Map<String, String> KINDS =
      Map.of(
          "integer", "a whole number",
          "number", "a number",
          "string", "a text value",
          "boolean", "true or false",
          "object", "a mapping",
          "array", "a list");

  private SchemaMessages() {}

  /**
   * Adds the error {@code m} reports about {@code tree} to {@code file}; returns the part of the
   * file it spoils (see {@link RuleFileParser#owner}).
   */
  static String report(RuleFile file, JsonNode tree, ValidationMessage m) {
    String path = YamlLocations.dotted(m.getInstanceLocation().toString());
    JsonNode value = MappingProblem.at(tree, path);
    String message = m.getMessage();
    int colon = message.indexOf(": ");
    if (colon > 0 && message.startsWith("$")) {
      message = message.substring(colon + 2);
    }
    String hint = null;
    if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
      path = path.isEmpty() ? m.getProperty() : path + "." + m.getProperty();
      message = "unknown field";
      hint = KeyHints.didYouMean(m.getProperty());
    } else if ("type".equals(m.getType()) && TYPE.matcher(message).matches()) {
      Matcher type = TYPE.matcher(message);
      type.matches();
      message =
          "expected "
              + KINDS.getOrDefault(type.group(2), type.group(2))
              + ", got "
              + MappingProblem.describe(value);
    } else if ("enum".equals(m.getType()) && ENUM.matcher(message).find()) {
      Matcher values = ENUM.matcher(message);
      values.find();
      List<String> known =
          Arrays.stream(values.group(1).split(",\\s*")).map(v -> v.replace("\"", "")).toList();
      message = "expected one of " + known + ", got " + MappingProblem.describe(value);
      hint = value.isTextual() ? Spelling.didYouMean(value.asText(), known) : null;
    }
    String owner = RuleFileParser.owner(path);
    String ruleId = null;
    String field = path.isEmpty() ? null : path;
    if (owner.startsWith("rules.")) {
      int index = Integer.parseInt(owner.substring("rules.".length()));
      ruleId = RuleFileParser.ruleId(tree.path("rules").path(index), index);
      field = path.equals(owner) ? null : path.substring(owner.length() + 1);
    }
    file.add(path, ruleId, RuleScope.shown(field), message, hint);
    return owner;
  }
}
