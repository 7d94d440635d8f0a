package io.tocsin.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a Jackson mapping error means in the user's words: the dotted path of the value, what was
 * expected and what was written ({@code expected a whole number, got "three"}), and a "did you
 * mean" hint for a misspelt key or enum value — never Jackson's own text, which names Java types.
 *
 * @param path dotted path of the value from the root of the tree being mapped
 * @param message what is wrong
 * @param hint a suggestion such as {@code did you mean 'partitions'?}, or {@code null}
 * @param unknownKey whether the value is a key nothing reads (to be dropped before a retry)
 */
public record MappingProblem(String path, String message, String hint, boolean unknownKey) {

  private static final int LONGEST_VALUE = 60;

  /** The problem {@code e} reports about mapping {@code root}. */
  public static MappingProblem of(JsonProcessingException e, JsonNode root) {
    String path = pathOf(e);
    if (e instanceof ValueInstantiationException && e.getCause() instanceof ConfigException c) {
      return new MappingProblem(join(path, c.key()), c.problem(), null, false);
    }
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      return new MappingProblem(path, e.getCause().getMessage(), null, false);
    }
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
      String hint = Spelling.didYouMean(u.getPropertyName(), known);
      String message =
          hint != null
              ? "unknown key"
              : "unknown key; expected one of: " + String.join(", ", known);
      return new MappingProblem(path, message, hint, true);
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return expected(path, m.getTargetType(), at(root, path));
    }
    String text = e.getOriginalMessage();
    return new MappingProblem(path, text.lines().findFirst().orElse("invalid value"), null, false);
  }

  /** {@code "three"}, {@code 3}, {@code a mapping}: how a written value reads in a message. */
  public static String describe(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "nothing";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    String text = value.isTextual() ? value.asText() : value.toString();
    if (text.length() > LONGEST_VALUE) {
      text = text.substring(0, LONGEST_VALUE) + "…";
    }
    return value.isTextual() ? '"' + text + '"' : text;
  }

  private static MappingProblem expected(String path, Class<?> type, JsonNode value) {
    if (type == Duration.class && value != null && value.isTextual()) {
      try {
        Durations.parse(path, value.asText());
      } catch (ConfigException c) {
        return new MappingProblem(path, c.problem(), null, false);
      }
    }
    if (type.isEnum()) {
      List<String> names =
          Arrays.stream(type.getEnumConstants())
              .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
              .toList();
      String hint =
          value != null && value.isTextual() ? Spelling.didYouMean(value.asText(), names) : null;
      return new MappingProblem(
          path, "expected one of " + names + ", got " + describe(value), hint, false);
    }
    return new MappingProblem(
        path, "expected " + kindOf(type) + ", got " + describe(value), null, false);
  }

  /** How a Java type reads to a user: {@code a whole number}, {@code true or false}… */
  static String kindOf(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == short.class || type == Short.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class || type == float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "a duration such as 30s";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
  }

  private static String pathOf(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException m)) {
      return "";
    }
    return m.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()))
        .collect(Collectors.joining("."));
  }

  /** The node at dotted {@code path} (list indices as numbers) of {@code root}, or missing. */
  public static JsonNode at(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : path.isEmpty() ? new String[0] : path.split("\\.")) {
      boolean index =
          node.isArray() && !part.isEmpty() && part.chars().allMatch(Character::isDigit);
      node = index ? node.path(Integer.parseInt(part)) : node.path(part);
    }
    return node;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
