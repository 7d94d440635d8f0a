package io.tocsin.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tocsin.config.ConfigLoader;
import io.tocsin.testing.MarkdownBlocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md and the Helm chart's values name only configuration keys that exist: their config
 * examples load, and every key or {@code TOCSIN_*} variable they mention is in the reference.
 */
class ConfigKeysInDocsTest {

  private static final Path README = Path.of("README.md");
  private static final Path VALUES = Path.of("helm/tocsin/values.yaml");
  private static final Set<String> SECTIONS =
      Set.of("kafka", "kinesis", "rules", "heartbeats", "notify", "api");
  private static final Pattern DOTTED_KEY =
      Pattern.compile(
          "`((?:kafka|kinesis|rules|heartbeats|notify|api)(?:\\.[a-z_]+(?:\\[])?)+)[`:\\s]");
  private static final Pattern ENV_KEY = Pattern.compile("\\bTOCSIN_([A-Z]+(?:__[A-Z_]+)+)");
  private static final Pattern COMMENTED_KEY = Pattern.compile("^\\s*#\\s+(?:- )?([a-z_]+):");
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path dir;

  @Test
  void shouldLoadEveryConfigExampleInTheReadme() throws IOException {
    int loaded = 0;
    for (String block : MarkdownBlocks.of(README, "yaml")) {
      JsonNode config = configIn(YAML.readTree(block));
      if (config != null) {
        assertLoads(config, "README.md block:\n" + block);
        loaded++;
      }
    }
    assertThat(loaded).as("config examples found in README.md").isGreaterThanOrEqualTo(3);
  }

  @Test
  void shouldLoadTheHelmChartsConfigBlock() throws IOException {
    assertLoads(YAML.readTree(VALUES.toFile()).get("config"), "helm/tocsin/values.yaml config:");
  }

  @Test
  void shouldNameOnlyExistingKeysInTheHelmChartsCommentedExamples() throws IOException {
    Set<String> names = keyNames();
    List<String> unknown = new ArrayList<>();
    List<String> lines = Files.readAllLines(VALUES);
    int start = lines.indexOf("config:");
    for (int i = start + 1; i < lines.size() && !lines.get(i).matches("\\S.*"); i++) {
      Matcher m = COMMENTED_KEY.matcher(lines.get(i));
      if (m.find() && !names.contains(m.group(1))) {
        unknown.add("values.yaml:" + (i + 1) + ": " + m.group(1));
      }
    }
    assertThat(start).as("values.yaml has a config: block").isPositive();
    assertThat(unknown).as("commented example keys that tocsin does not know").isEmpty();
  }

  @Test
  void shouldNameOnlyExistingKeysInTheReadmesText() throws IOException {
    Set<String> paths = keyPaths();
    String readme = Files.readString(README);
    List<String> unknown = new ArrayList<>();
    Matcher dotted = DOTTED_KEY.matcher(readme);
    while (dotted.find()) {
      if (!paths.contains(dotted.group(1).replace("[]", ""))) {
        unknown.add(dotted.group(1));
      }
    }
    Matcher env = ENV_KEY.matcher(readme);
    while (env.find()) {
      String path = env.group(1).toLowerCase(Locale.ROOT).replace("__", ".");
      if (SECTIONS.contains(path.split("\\.")[0])
          && !paths.contains(path)
          && !path.startsWith("kafka.properties.")) {
        unknown.add(env.group());
      }
    }
    assertThat(unknown).as("keys README.md names that tocsin does not know").isEmpty();
  }

  /** The tocsin config of a YAML example: the document itself, or its {@code config:} value. */
  private static JsonNode configIn(JsonNode doc) {
    if (doc == null || !doc.isObject()) {
      return null;
    }
    if (doc.has("config") && doc.get("config").isObject()) {
      return doc.get("config");
    }
    List<String> top = new ArrayList<>();
    doc.fieldNames().forEachRemaining(top::add);
    boolean ruleFile = doc.path("rules").isArray();
    return !top.isEmpty() && SECTIONS.containsAll(top) && !ruleFile ? doc : null;
  }

  private void assertLoads(JsonNode config, String where) throws IOException {
    Path file = Files.createTempFile(dir, "config", ".yaml");
    YAML.writeValue(file.toFile(), config);
    assertThatCode(() -> ConfigLoader.load(file, Map.of())).as(where).doesNotThrowAnyException();
  }

  /** Every dotted key path of the reference without list markers, sections included. */
  private static Set<String> keyPaths() {
    return ConfigReference.keys().stream()
        .map(k -> k.path().replace("[]", ""))
        .collect(Collectors.toSet());
  }

  /** Every key name at any level. */
  private static Set<String> keyNames() {
    return keyPaths().stream()
        .map(p -> p.substring(p.lastIndexOf('.') + 1))
        .collect(Collectors.toSet());
  }
}
