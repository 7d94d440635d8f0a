package io.tocsin.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.testing.DetectionDriver;
import io.tocsin.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The published alert schema (topology-docs/alert.schema.json) accepts what the detectors really
 * produce from real log lines, and rejects what breaks the contract.
 */
class AlertSchemaTest {

  private static final Path SCHEMA = Path.of("topology-docs/alert.schema.json");
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private static JsonSchema schema() throws IOException {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = Files.newInputStream(SCHEMA)) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    }
  }

  /** Firing and resolved alerts produced by the detection topology from the real Lambda lines. */
  private static List<Alert> realAlerts() throws IOException {
    List<Alert> alerts = new ArrayList<>();
    RuleSet rules = RuleLoader.load(List.of());
    try (DetectionDriver driver = new DetectionDriver(rules, T0);
        BufferedReader lines =
            Files.newBufferedReader(
                Path.of("src/test/resources/detect/lambda_log_lines_flat.jsonl"))) {
      long id = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode row = Json.MAPPER.readTree(line);
        driver.pipe(
            new LogEvent(
                "123456789012",
                row.path("log_group").asText("/aws/lambda/sample"),
                "stream",
                Long.toString(++id),
                T0.toEpochMilli() + id,
                row.path("message").asText(),
                SourcePosition.file("lambda_log_lines_flat.jsonl", id)));
      }
      driver.advanceWallClock(Duration.ofMinutes(11));
      alerts.addAll(driver.alerts());
    }
    return alerts;
  }

  @Test
  void shouldAcceptEveryRealAlertSerializedForTheTopic() throws IOException {
    JsonSchema schema = schema();
    List<Alert> alerts = realAlerts();
    assertThat(alerts).extracting(Alert::status).contains(AlertStatus.FIRING, AlertStatus.RESOLVED);
    for (Alert alert : alerts) {
      byte[] bytes = Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert);
      Set<ValidationMessage> errors = schema.validate(Json.MAPPER.readTree(bytes));
      assertThat(errors).as("alert %s of rule %s", alert.id(), alert.rule().id()).isEmpty();
    }
  }

  @Test
  void shouldRejectAnAlertMissingItsFingerprintOrWithAnUnknownStatus() throws IOException {
    JsonSchema schema = schema();
    Alert alert = realAlerts().get(0);
    var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.valueToTree(alert);
    node.remove("fingerprint");
    node.put("status", "open");
    Set<ValidationMessage> errors = schema.validate(node);
    assertThat(errors)
        .extracting(ValidationMessage::getMessage)
        .anyMatch(m -> m.contains("fingerprint"))
        .anyMatch(m -> m.contains("status"));
  }
}
