package io.tocsin.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tocsin.config.DurationModule;
import io.tocsin.config.TocsinConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * topology-docs/configuration.md is generated from the config records: this test regenerates it and
 * fails when the committed file differs, and checks that each documented default is the one the
 * records really use.
 */
class ConfigReferenceTest {

  private static final Path REFERENCE = Path.of("topology-docs/configuration.md");
  private static final String REFRESH =
      "mvn -B test -Dtest=ConfigReferenceTest -Dtocsin.updateDocs=true";

  @Test
  void shouldMatchTheCommittedReference() throws IOException {
    CommittedDoc.check(REFERENCE, ConfigReference.render(), REFRESH);
  }

  @Test
  void shouldDocumentTheDefaultsTheRecordsUse() {
    JsonNode defaults =
        YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new DurationModule())
            .build()
            .valueToTree(TocsinConfig.defaults());
    List<String> wrong = new ArrayList<>();
    int literals = 0;
    for (ConfigReference.Key key : ConfigReference.keys()) {
      String documented = key.defaultValue().replace("`", "");
      JsonNode actual = defaults.at("/" + key.path().replace('.', '/'));
      if (key.path().contains("[]") || actual.isMissingNode() || actual.isObject()) {
        continue;
      }
      if (documented.contains(" ")) {
        continue; // prose such as "the host name": not a literal to compare
      }
      literals++;
      if (!documented.equals(shown(actual))) {
        wrong.add(key.path() + ": documented " + documented + ", actual " + shown(actual));
      }
    }
    assertThat(wrong).as("defaults documented on the record fields: %s", wrong).isEmpty();
    assertThat(literals).as("literal defaults compared").isGreaterThan(30);
  }

  @Test
  void shouldReadTheShortDefaultOfAParamComment() {
    assertThat(ConfigReference.defaultOf("replication; default -1 (broker default)"))
        .isEqualTo("-1");
    assertThat(ConfigReference.defaultOf("labels; default [rule, account]"))
        .isEqualTo("[rule, account]");
    assertThat(ConfigReference.defaultOf("x; default empty: the region of the ARNs, else"))
        .isEqualTo("empty");
    assertThat(ConfigReference.defaultOf("x; default `a, b. c` in it. More"))
        .isEqualTo("`a, b. c` in it");
    assertThat(ConfigReference.defaultOf("the routing key; required")).isEqualTo("*required*");
    assertThat(ConfigReference.defaultOf("loaded after the default pack")).isEmpty();
  }

  private static String shown(JsonNode value) {
    if (value.isArray()) {
      return value.isEmpty()
          ? "none"
          : StreamSupport.stream(value.spliterator(), false)
              .map(JsonNode::asText)
              .collect(Collectors.joining(", ", "[", "]"));
    }
    return value.isTextual() && value.asText().isEmpty() ? "empty" : value.asText();
  }
}
