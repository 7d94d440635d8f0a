package io.tocsin.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads {@link TocsinConfig}: defaults, overlaid by the YAML file, overlaid by environment
 * variables {@code TOCSIN_<SECTION>__<KEY>} (double underscore between levels, e.g. {@code
 * TOCSIN_KAFKA__BOOTSTRAP_SERVERS}). Every error of the file and the environment is reported at
 * once in one {@link ConfigException}, each naming the file, line and column (or the variable), the
 * dotted key and what was expected, with "did you mean" for a misspelt key.
 */
public final class ConfigLoader {

  /** Prefix of environment variables that override configuration keys. */
  public static final String ENV_PREFIX = "TOCSIN_";

  /** More errors than this in one file are not worth listing one by one. */
  private static final int MOST_ERRORS = 100;

  private static final ObjectMapper MAPPER = createMapper();

  private ConfigLoader() {}

  /** Loads {@code file} (may be {@code null} for defaults only) with overrides from {@code env}. */
  public static TocsinConfig load(Path file, Map<String, String> env) {
    ObjectNode defaults = MAPPER.valueToTree(TocsinConfig.defaults());
    ObjectNode tree = defaults.deepCopy();
    YamlLocations places = null;
    if (file != null) {
      String yaml = read(file);
      merge(tree, parse(file, yaml));
      places = YamlLocations.of(yaml);
    }
    Map<String, String> envKeys = applyEnvironment(tree, env);
    List<ConfigError> errors = new ArrayList<>();
    while (errors.size() < MOST_ERRORS) {
      try {
        TocsinConfig config = MAPPER.treeToValue(tree, TocsinConfig.class);
        if (errors.isEmpty()) {
          return config;
        }
        break;
      } catch (JsonProcessingException e) {
        MappingProblem problem = MappingProblem.of(e, tree);
        errors.add(locate(problem, file, places, envKeys));
        if (!ConfigRepair.repair(tree, defaults, problem)) {
          break;
        }
      } catch (ConfigException | IllegalArgumentException e) {
        errors.add(ConfigError.unlocated("(document)", e.getMessage()));
        break;
      }
    }
    errors.sort(
        Comparator.comparingInt((ConfigError c) -> c.line() == 0 ? Integer.MAX_VALUE : c.line())
            .thenComparingInt(ConfigError::column));
    throw new ConfigException(errors);
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

  private static ObjectNode parse(Path file, String yaml) {
    JsonNode user;
    try {
      user = MAPPER.readTree(yaml);
    } catch (IOException e) {
      YamlSyntaxError syntax = YamlSyntaxError.of(e);
      throw new ConfigException(
          List.of(
              new ConfigError(
                  file.toString(),
                  syntax.line(),
                  syntax.column(),
                  "(document)",
                  syntax.message(),
                  null)));
    }
    if (user == null || user.isMissingNode() || user.isNull()) {
      return MAPPER.createObjectNode();
    }
    if (!user.isObject()) {
      throw new ConfigException(
          List.of(
              new ConfigError(
                  file.toString(),
                  1,
                  1,
                  "(document)",
                  "expected a mapping of sections such as 'kafka:', got "
                      + MappingProblem.describe(user),
                  null)));
    }
    return (ObjectNode) user;
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

  private static ConfigError locate(
      MappingProblem problem, Path file, YamlLocations places, Map<String, String> envKeys) {
    String key = problem.path();
    if (envKeys.containsKey(key)) {
      return new ConfigError(
          "environment variable " + envKeys.get(key), 0, 0, key, problem.message(), problem.hint());
    }
    YamlLocations.Location at = places == null ? YamlLocations.Location.NONE : places.find(key);
    String source = file == null ? "defaults" : file.toString();
    return new ConfigError(source, at.line(), at.column(), key, problem.message(), problem.hint());
  }

  private static ObjectMapper createMapper() {
    return YAMLMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .addModule(new DurationModule())
        .build();
  }
}
