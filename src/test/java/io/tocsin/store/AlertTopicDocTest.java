package io.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Alert;
import io.tocsin.model.Json;
import io.tocsin.testing.RealAlerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the example in topology-docs/reading-the-alert-topic.md equal to what tocsin writes. */
class AlertTopicDocTest {

  private static final Path DOC = Path.of("topology-docs/reading-the-alert-topic.md");

  @Test
  void shouldShowARecordExactlyAsTheDetectionTopologyWritesIt() throws Exception {
    String doc = Files.readString(DOC);
    Matcher key = Pattern.compile("key: `([0-9a-f]{32})`").matcher(doc);
    Matcher json = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(key.find()).isTrue();
    assertThat(json.find()).isTrue();
    JsonNode documented = Json.MAPPER.readTree(json.group(1));

    Alert real =
        RealAlerts.from(RealAlerts.T0).stream()
            .filter(a -> a.id().equals(documented.path("id").asText()))
            .findFirst()
            .orElseThrow();

    assertThat(real.fingerprint()).isEqualTo(key.group(1));
    assertThat(documented).isEqualTo(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(real)));
  }
}
