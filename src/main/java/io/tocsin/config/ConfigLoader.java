package io.tocsin.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Loads {@link TocsinConfig}: defaults, overlaid by the YAML file, overlaid by environment
 * variables {@code TOCSIN_<SECTION>__<KEY>} (double underscore between levels, e.g. {@code
 * TOCSIN_KAFKA__BOOTSTRAP_SERVERS}). Every problem is a {@link ConfigException} whose message names
 * the file and line (or the variable), the dotted key and what was expected.
 */
public final class ConfigLoader {

  /** Prefix of environment variables that override configuration keys. */
  public static final String ENV_PREFIX = "TOCSIN_";

  private static final ObjectMapper MAPPER = createMapper();

  private ConfigLoader() {}

  /** Loads {@code file} (may be {@code null} for defaults only) with overrides from {@code env}. */
  public static TocsinConfig load(Path file, Map<String, String> env) {
    ObjectNode tree = MAPPER.valueToTree(TocsinConfig.defaults());
    YamlKeyLines lines = null;
    if (file != null) {
      String yaml = read(file);
      JsonNode user = parse(file, yaml);
      try {
        lines = YamlKeyLines.of(yaml);
      } catch (IOException e) {
        throw new ConfigException(
            file.toString(), "(document)", "not valid YAML: " + e.getMessage());
      }
      merge(tree, (ObjectNode) user);
    }
    Map<String, String> envKeys = applyEnvironment(tree, env);
    try {
      return MAPPER.treeToValue(tree, TocsinConfig.class);
    } catch (JsonProcessingException e) {
      throw located(e, file, lines, envKeys);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(String.valueOf(file), "(document)", e.getMessage());
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), "(file)", "no such file");
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "(file)", "cannot read: " + e.getMessage());
    }
  }

  private static JsonNode parse(Path file, String yaml) {
    try {
      JsonNode user = MAPPER.readTree(yaml);
      if (user == null || user.isMissingNode() || user.isNull()) {
        return MAPPER.createObjectNode();
      }
      if (!user.isObject()) {
        throw new ConfigException(
            file + ":1", "(document)", "expected a mapping of sections such as 'kafka:'");
      }
      return user;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      String reason = e.getOriginalMessage().lines().findFirst().orElse("syntax error");
      throw new ConfigException(
          file + ":" + line,
          "(document)",
          "not valid YAML: " + reason + " (column " + column + ")");
    }
  }

  private static void merge(ObjectNode target, ObjectNode source) {
    for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode obj && field.getValue() instanceof ObjectNode src) {
        merge(obj, src);
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  /** Applies overrides; returns dotted key → variable name for the keys they set. */
  private static Map<String, String> applyEnvironment(ObjectNode tree, Map<String, String> env) {
    Map<String, String> applied = new HashMap<>();
    for (Map.Entry<String, String> var : new TreeMap<>(env).entrySet()) {
      String name = var.getKey();
      if (!name.startsWith(ENV_PREFIX) || !name.contains("__")) {
        continue;
      }
      String[] parts = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).split("__");
      ObjectNode node = tree;
      for (int i = 0; i < parts.length - 1; i++) {
        JsonNode child = node.get(parts[i]);
        node = child instanceof ObjectNode obj ? obj : node.putObject(parts[i]);
      }
      node.set(parts[parts.length - 1], TextNode.valueOf(var.getValue()));
      applied.put(String.join(".", parts), name);
    }
    return applied;
  }

  private static ConfigException located(
      JsonProcessingException e, Path file, YamlKeyLines lines, Map<String, String> envKeys) {
    String path = pathOf(e);
    String key;
    String problem;
    Throwable cause = e.getCause();
    if (cause instanceof ConfigException ce) {
      key = path.isEmpty() ? ce.key() : path + "." + ce.key();
      problem = ce.problem();
    } else if (e instanceof UnrecognizedPropertyException u) {
      key = path;
      problem =
          "unknown key; expected one of: "
              + u.getKnownPropertyIds().stream()
                  .map(String::valueOf)
                  .sorted()
                  .collect(Collectors.joining(", "));
    } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      key = path;
      problem = "expected " + describe(m.getTargetType()) + " (" + m.getOriginalMessage() + ")";
    } else {
      key = path;
      problem = e.getOriginalMessage();
    }
    String where;
    if (envKeys.containsKey(key)) {
      where = "environment variable " + envKeys.get(key);
    } else if (file != null && lines != null && lines.lineOf(key) > 0) {
      where = file + ":" + lines.lineOf(key);
    } else {
      where = file == null ? "defaults" : file.toString();
    }
    return new ConfigException(where, key, problem);
  }

  private static String describe(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == short.class) {
      return "a whole number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "a duration such as 30s";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
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

  private static ObjectMapper createMapper() {
    return YAMLMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .addModule(new DurationModule())
        .build();
  }
}
