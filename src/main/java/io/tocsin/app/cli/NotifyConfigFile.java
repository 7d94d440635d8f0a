package io.tocsin.app.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tocsin.config.ConfigException;
import io.tocsin.config.DurationModule;
import io.tocsin.config.NotifySettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads the {@code notify:} section of a config file with the config loader's conventions
 * (snake_case keys, short durations, unknown keys rejected, errors naming the file and the dotted
 * key). Stands in until {@code TocsinConfig} carries {@code notify}; then {@code
 * ConfigLoader.load(file, env).notify()} replaces it.
 */
final class NotifyConfigFile {

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(new DurationModule())
          .build();

  private NotifyConfigFile() {}

  /** The notify settings of {@code file}; the defaults when it has no {@code notify:} section. */
  static NotifySettings read(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "(file)", "cannot read: " + e.getMessage());
    }
    JsonNode section = root == null ? null : root.get("notify");
    if (section == null || section.isNull()) {
      return NotifySettings.defaults();
    }
    try {
      return YAML.treeToValue(section, NotifySettings.class);
    } catch (JsonMappingException e) {
      String path =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "" + r.getIndex())
              .collect(Collectors.joining("."));
      String key = path.isEmpty() ? "notify" : "notify." + path;
      if (e.getCause() instanceof ConfigException ce) {
        throw new ConfigException(file.toString(), key + "." + ce.key(), ce.problem());
      }
      throw new ConfigException(file.toString(), key, e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "notify", e.getMessage());
    }
  }
}
