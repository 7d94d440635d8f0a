package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Json;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.testing.CloudTrailEvents;
import io.tocsin.testing.DetectionDriver;
import io.tocsin.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security detector on the production topology, fed real (panther) and shaped events. */
class CloudTrailMatchDetectorTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir Path dir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private DetectionDriver driver;

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.close();
    }
  }

  private DetectionDriver start(RuleSet rules) {
    StreamsBuilder builder = new StreamsBuilder();
    CloudTrailMatchDetector.build(builder, rules, registry);
    driver = new DetectionDriver(builder.build(), T0);
    return driver;
  }

  /** {@code json} at {@code at} with {@code id} as its event ID. */
  private static CloudTrailEvent at(JsonNode json, Instant at, String id) {
    ObjectNode copy = json.deepCopy();
    copy.put("eventTime", at.toString());
    copy.put("eventID", id);
    return CloudTrailEvents.of(copy, id);
  }

  @Test
  void shouldRaiseOneEnrichedAlertForAnAdministratorAttachAndFoldTheRepeat() {
    start(RuleLoader.load(List.of()));
    JsonNode attach =
        CloudTrailEvents.panther(
                "AWS.IAM.AttachAdminUserPolicy",
                "IAM User Policy Attached with Administrator Access")
            .event();
    driver.pipe(at(attach, T0, "ev-1"));
    driver.pipe(at(attach, T0.plusSeconds(60), "ev-2"));

    List<Alert> firing = driver.alerts();
    assertThat(firing)
        .as("the CIS policy-change monitor is superseded; the repeat folds in")
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule().id()).isEqualTo("iam-admin-policy-attached");
              assertThat(alert.rule().severity().label()).isEqualTo("critical");
              assertThat(alert.rule().tags()).contains("T1098.003");
              assertThat(alert.resource().principalArn())
                  .isEqualTo("arn:aws:sts::123456789012:assumed-role/tester");
              assertThat(alert.resource().sourceIp()).isEqualTo("111.111.111.111");
              JsonNode context = alert.context();
              assertThat(context.at("/actor/type").asText()).isEqualTo("AssumedRole");
              assertThat(context.at("/actor/sessionIssuer").asText())
                  .isEqualTo("arn:aws:iam::123456789012:role/tester");
              assertThat(context.at("/actor/mfaUsed").asBoolean()).isTrue();
              assertThat(context.at("/targets/0/type").asText()).isEqualTo("user");
              assertThat(context.at("/targets/0/name").asText()).isEqualTo("new-user");
              assertThat(context.at("/requestParameters/policyArn").asText())
                  .isEqualTo("arn:aws:iam::aws:policy/AdministratorAccess");
              assertThat(context.at("/userAgent").asText()).isEqualTo("console.amazonaws.com");
              assertThat(context.at("/account").asText()).isEqualTo("123456789012");
              assertThat(context.at("/eventIds").toString()).isEqualTo("[\"ev-1\"]");
            });

    driver.advanceWallClock(Duration.ofMinutes(16));
    assertThat(driver.alerts())
        .singleElement()
        .satisfies(
            resolved -> {
              assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
              assertThat(resolved.count()).isEqualTo(2);
              assertThat(resolved.context().at("/eventIds").toString())
                  .isEqualTo("[\"ev-1\",\"ev-2\"]");
            });
  }

  @Test
  void shouldDecodeTheRiskyPolicyIntoTheContextWithTheStatementThatMadeItRisky() {
    start(RuleLoader.load(List.of()));
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"Resource\":\"*\"}]}";
    ObjectNode put =
        CloudTrailEvents.panther(
                "AWS.IAM.AccessKeyCompromised", "An AWS IAM Access Key was Compromised")
            .event()
            .deepCopy();
    ((ObjectNode) put.get("requestParameters"))
        .put("policyDocument", URLEncoder.encode(policy, StandardCharsets.UTF_8));
    driver.pipe(at(put, T0, "ev-put"));

    Alert alert = driver.alerts().get(0);
    assertThat(alert.rule().id()).isEqualTo("iam-inline-policy-wildcard");
    JsonNode context = alert.context();
    assertThat(context.at("/requestParameters/policyDocument/Statement/0/Action").asText())
        .isEqualTo("*");
    assertThat(context.at("/evidence/0/why").asText()).isEqualTo("allows Action *");
    assertThat(context.at("/targets/0/name").asText()).isEqualTo("compromised_user");
  }

  @Test
  void shouldCountEverySuppressionByAnAllowlistAndRaiseNothing() throws IOException {
    Files.writeString(
        dir.resolve("tuning.yaml"),
        """
        allowlists:
          automation:
            entries:
              - principal: "arn:aws:iam::*:role/tester"
                note: identity pipeline
        """);
    start(RuleLoader.load(List.of(dir)));
    JsonNode create = CloudTrailEvents.panther("AWS.IAM.CreateUser", "IAM User Created").event();
    driver.pipe(at(create, T0, "ev-a"));
    driver.pipe(at(create, T0.plusSeconds(1), "ev-b"));

    assertThat(driver.alerts()).isEmpty();
    assertThat(
            registry
                .get(SecurityFindings.ALLOWLISTED)
                .tag("rule", "iam-user-created")
                .tag("allowlist", "automation")
                .counter()
                .count())
        .isEqualTo(2.0);
  }

  @Test
  void shouldAlertOncePerFailedStackFromTheEventBridgeStatusEvents() throws IOException {
    start(RuleLoader.load(List.of()));
    for (String status :
        List.of("UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE")) {
      ObjectNode envelope = (ObjectNode) Json.MAPPER.readTree(stackEvent(status));
      driver.pipe(
          new CloudTrailEvent(
              "cfn-" + status,
              T0,
              "cloudformation.amazonaws.com",
              "CloudFormation Stack Status Change",
              "111122223333",
              "eu-west-1",
              "eventbridge",
              envelope,
              io.tocsin.model.SourcePosition.kinesis("events", "shardId-0", status)));
    }
    assertThat(driver.alerts())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule().id()).isEqualTo("cfn-stack-failed");
              assertThat(alert.labels()).containsEntry("team", "oncall");
              assertThat(alert.context().at("/detail/status-details/status").asText())
                  .isEqualTo("UPDATE_ROLLBACK_COMPLETE");
              assertThat(alert.context().at("/targets/0/type").asText()).isEqualTo("stack");
              assertThat(alert.title()).contains("stack/orders-api");
            });
  }

  @Test
  void shouldProduceAlertsThePublishedSchemaAcceptsForEveryPantherEvent() throws IOException {
    start(RuleLoader.load(List.of()));
    for (CloudTrailEvents.Labelled row : CloudTrailEvents.panther()) {
      driver.pipe(at(row.json(), T0.plusSeconds(row.line()), "panther-" + row.line()));
    }
    driver.advanceWallClock(Duration.ofHours(1));
    List<Alert> alerts = driver.alerts();
    assertThat(alerts).extracting(Alert::status).contains(AlertStatus.FIRING, AlertStatus.RESOLVED);
    assertThat(alerts.stream().map(a -> a.rule().id()).distinct().count())
        .as("rules alerting on the panther events")
        .isGreaterThanOrEqualTo(25);
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(Path.of("topology-docs/alert.schema.json"))) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
    for (Alert alert : alerts) {
      byte[] bytes = Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert);
      assertThat(schema.validate(Json.MAPPER.readTree(bytes)))
          .as("alert of %s: %s", alert.rule().id(), alert.context())
          .isEmpty();
    }
  }

  private static String stackEvent(String status) {
    return """
        {"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602",
         "detail-type":"CloudFormation Stack Status Change","source":"aws.cloudformation",
         "account":"111122223333","time":"2026-11-26T10:00:00Z","region":"eu-west-1",
         "resources":["arn:aws:cloudformation:eu-west-1:111122223333:stack/orders-api/1"],
         "detail":{"stack-id":"arn:aws:cloudformation:eu-west-1:111122223333:stack/orders-api/1",
          "status-details":{"status":"%s","status-reason":""}}}
        """
        .formatted(status);
  }
}
