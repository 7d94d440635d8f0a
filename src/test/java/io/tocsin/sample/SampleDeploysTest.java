package io.tocsin.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.ingest.decode.DecodeResult;
import io.tocsin.ingest.decode.RecordDecoder;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.SourcePosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleDeploysTest {

  private static final Instant ORIGIN = Instant.parse("2026-11-26T10:00:00.437Z");
  private static final SourcePosition KINESIS = new SourcePosition("kinesis", "s", "0", "1");

  /** Every deploy event of {@code minutes} of traffic, as the pump would send them. */
  private static List<CloudTrailEvent> deployEvents(SampleTraffic traffic, int minutes) {
    List<CloudTrailEvent> events = new ArrayList<>();
    Instant second = ORIGIN.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    for (int s = 0; s < minutes * 60; s++, second = second.plusSeconds(1)) {
      for (CloudTrailEvent event : traffic.second(second).cloudTrail()) {
        assertThat(event.eventTime()).isBetween(second, second.plusMillis(999));
        if (isSampleDeploy(event)) {
          events.add(event);
        }
      }
    }
    return events;
  }

  /** A deploy event of orders-api or the orders-platform stack (not a random template). */
  private static boolean isSampleDeploy(CloudTrailEvent event) {
    JsonNode json = event.event();
    return json.at("/requestParameters/functionName").asText().equals("orders-api")
        || json.at("/requestParameters/stackName").asText().equals("orders-platform")
        || json.at("/resources/0").asText().contains(":stack/orders-platform/");
  }

  private static List<CloudTrailEvent> named(List<CloudTrailEvent> events, String name) {
    return events.stream().filter(e -> e.eventName().equals(name)).toList();
  }

  @Test
  void shouldDeployOrdersApiTwiceInEveryFailureCycle() {
    List<CloudTrailEvent> events = deployEvents(new SampleTraffic(7, 20, ORIGIN), 15);
    List<CloudTrailEvent> aliases = named(events, "UpdateAlias20150331");
    assertThat(aliases).hasSize(6);
    assertThat(named(events, "UpdateFunctionCode20150331v2")).hasSize(6);
    assertThat(named(events, "PublishVersion20150331")).hasSize(6);
    assertThat(aliases)
        .extracting(e -> e.event().at("/requestParameters/functionVersion").asText())
        .containsExactly("42", "43", "44", "45", "46", "47");
  }

  @Test
  void shouldPutTheBadBuildLiveAsTheFailureStepBeginsAndTheFixAsItEnds() {
    SampleTraffic traffic = new SampleTraffic(7, 20, ORIGIN);
    List<CloudTrailEvent> aliases = named(deployEvents(traffic, 15), "UpdateAlias20150331");
    for (int cycle = 0; cycle < 3; cycle++) {
      Instant stepStart = ORIGIN.plus(Duration.ofMinutes(5L * cycle + 1));
      Instant bad = aliases.get(2 * cycle).eventTime();
      Instant fix = aliases.get(2 * cycle + 1).eventTime();
      assertThat(Duration.between(bad, stepStart).abs()).isLessThan(Duration.ofSeconds(1));
      assertThat(traffic.failureRate("orders-api", stepStart.minusMillis(1))).isEqualTo(0.01);
      assertThat(traffic.failureRate("orders-api", stepStart)).isEqualTo(0.10);
      Instant stepEnd = stepStart.plus(Duration.ofMinutes(1));
      assertThat(Duration.between(fix, stepEnd).abs()).isLessThan(Duration.ofSeconds(1));
      assertThat(traffic.failureRate("orders-api", stepEnd)).isEqualTo(0.01);
    }
  }

  @Test
  void shouldRollBackAStackUpdateInEveryThirdCycleWithTheFailedResourceAndReason() {
    List<CloudTrailEvent> events = deployEvents(new SampleTraffic(7, 20, ORIGIN), 20);
    assertThat(named(events, "UpdateStack")).hasSize(1);
    assertThat(named(events, "UpdateStack").get(0).eventTime())
        .isBetween(ORIGIN.plusSeconds(300), ORIGIN.plusSeconds(600));
    assertThat(named(events, DeployEvents.STACK_STATUS))
        .extracting(e -> e.event().at("/detail/status-details/status").asText())
        .containsExactly(
            "UPDATE_IN_PROGRESS",
            "UPDATE_ROLLBACK_IN_PROGRESS",
            "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
            "UPDATE_ROLLBACK_COMPLETE");
    JsonNode failed =
        named(events, DeployEvents.RESOURCE_STATUS).stream()
            .map(CloudTrailEvent::event)
            .filter(e -> e.at("/detail/status-details/status").asText().equals("UPDATE_FAILED"))
            .findFirst()
            .orElseThrow();
    assertThat(failed.at("/detail/logical-resource-id").asText()).isEqualTo("OrdersTable");
    assertThat(failed.at("/detail/status-details/status-reason").asText())
        .startsWith("Resource handler returned message:");
    assertThat(failed.at("/resources/0").asText())
        .startsWith("arn:aws:cloudformation:us-east-1:123456789012:stack/orders-platform/");
  }

  @Test
  void shouldSendLambdaDeploysAsCloudTrailApiCallsThatIngestDecodes() {
    List<CloudTrailEvent> events = deployEvents(new SampleTraffic(7, 20, ORIGIN), 5);
    RecordDecoder decoder = RecordDecoder.withDefaults();
    for (CloudTrailEvent sent : events) {
      DecodeResult result = decoder.decode(KinesisRecords.eventBridge(sent).data(), KINESIS);
      if (sent.eventSource().equals(DeployEvents.LAMBDA)) {
        assertThat(result.deadLetters()).isEmpty();
        CloudTrailEvent read = result.cloudTrail().get(0);
        assertThat(read.eventName()).isEqualTo(sent.eventName());
        assertThat(read.eventTime()).isEqualTo(sent.eventTime());
        assertThat(read.account()).isEqualTo("123456789012");
        assertThat(read.region()).isEqualTo("us-east-1");
        JsonNode event = read.event();
        assertThat(event.at("/requestParameters/functionName").asText()).isEqualTo("orders-api");
        assertThat(event.at("/userIdentity/arn").asText()).startsWith("arn:aws:");
        assertThat(event.at("/eventType").asText()).isEqualTo("AwsApiCall");
      }
    }
    JsonNode published = named(events, "PublishVersion20150331").get(0).event();
    assertThat(published.at("/responseElements/version").asText()).isEqualTo("42");
    assertThat(published.at("/responseElements/functionArn").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:orders-api:42");
    String sha = published.at("/responseElements/codeSha256").asText();
    assertThat(Base64.getDecoder().decode(sha)).hasSize(32);
    assertThat(published.at("/requestParameters/codeSha256").asText()).isEqualTo(sha);
  }

  @Test
  void shouldSendStackStatusChangesAsTheEventBridgeEventsIngestKeeps() {
    List<CloudTrailEvent> events = deployEvents(new SampleTraffic(7, 20, ORIGIN), 10);
    RecordDecoder decoder = RecordDecoder.withDefaults();
    for (CloudTrailEvent sent : named(events, DeployEvents.STACK_STATUS)) {
      DecodeResult result = decoder.decode(KinesisRecords.eventBridge(sent).data(), KINESIS);
      assertThat(result.deadLetters()).isEmpty();
      CloudTrailEvent read = result.cloudTrail().get(0);
      assertThat(read.eventId()).isEqualTo(sent.eventId());
      assertThat(read.eventTime()).isEqualTo(sent.eventTime());
      assertThat(read.event().at("/detail/stack-id").asText())
          .isEqualTo(sent.event().at("/resources/0").asText());
    }
  }

  @Test
  void shouldRepeatTheSameDeploysForTheSameSeed() {
    List<CloudTrailEvent> first = deployEvents(new SampleTraffic(11, 5, ORIGIN), 10);
    List<CloudTrailEvent> second = deployEvents(new SampleTraffic(11, 5, ORIGIN), 10);
    assertThat(second).hasSize(first.size());
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i).event()).isEqualTo(first.get(i).event());
    }
  }
}
