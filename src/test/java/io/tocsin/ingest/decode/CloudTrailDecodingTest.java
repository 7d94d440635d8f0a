package io.tocsin.ingest.decode;

import static io.tocsin.ingest.Fixtures.bytes;
import static io.tocsin.ingest.Fixtures.eventBridge;
import static io.tocsin.ingest.Fixtures.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.ingest.Fixtures;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.DeadLetter;
import io.tocsin.model.Json;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** All 479 CloudTrail events of Panther's rule tests, in each way CloudTrail reaches Kinesis. */
class CloudTrailDecodingTest {

  private static final SourcePosition AT = SourcePosition.kinesis("trail", "shardId-001", "77");

  /**
   * The events that are not CloudTrail-shaped and why: lines 121, 123, 201, 202 spell the keys in
   * lowercase (a data-lake rendering), 326, 327, 454, 455, 456 have no eventSource, 461, 462, 464
   * have neither eventName nor eventSource; 320 and 452 have the eventTime "redacted" and "...".
   */
  private static final Map<Integer, String> NOT_DECODED =
      Map.ofEntries(
          Map.entry(121, "unknown_shape"),
          Map.entry(123, "unknown_shape"),
          Map.entry(201, "unknown_shape"),
          Map.entry(202, "unknown_shape"),
          Map.entry(320, "bad_field"),
          Map.entry(326, "unknown_shape"),
          Map.entry(327, "unknown_shape"),
          Map.entry(452, "bad_field"),
          Map.entry(454, "unknown_shape"),
          Map.entry(455, "unknown_shape"),
          Map.entry(456, "unknown_shape"),
          Map.entry(461, "unknown_shape"),
          Map.entry(462, "unknown_shape"),
          Map.entry(464, "unknown_shape"));

  private static final List<JsonNode> EVENTS = Fixtures.pantherEvents();

  private final RecordDecoder decoder =
      new RecordDecoder(
          Clock.systemUTC(),
          RecordDecoder.DEFAULT_MAX_INFLATED_BYTES,
          new EventIdWindow(0, Duration.ZERO, Clock.systemUTC()));

  @Test
  void shouldGiveAnEventWithoutEventTimeTheDecodeTimeSoDetectorsAlwaysHaveATime() {
    Instant before = Instant.now();
    DecodeResult result =
        decoder.decode(
            ("{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\","
                    + "\"eventName\":\"CreateUser\",\"eventID\":\"no-time\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            AT);
    assertThat(result.cloudTrail()).hasSize(1);
    assertThat(result.cloudTrail().get(0).eventTime()).isBetween(before, Instant.now());
  }

  @Test
  void shouldDecodeEveryEventSentRaw() {
    assertThat(EVENTS).hasSize(479);
    for (int i = 0; i < EVENTS.size(); i++) {
      JsonNode event = EVENTS.get(i);

      DecodeResult result = decoder.decode(bytes(event), AT);

      assertOutcome(i, result.cloudTrail(), result.deadLetters(), "cloudtrail");
      if (!NOT_DECODED.containsKey(i)) {
        CloudTrailEvent decoded = result.cloudTrail().get(0);
        assertThat(decoded.eventId()).isEqualTo(event.path("eventID").textValue());
        assertThat(decoded.account()).isEqualTo(expectedAccount(event, "unknown"));
        assertThat(decoded.region()).isEqualTo(event.path("awsRegion").textValue());
      }
    }
  }

  @Test
  void shouldDecodeEveryEventOfARecordsFileBody() {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putArray("Records").addAll(EVENTS);

    DecodeResult result = decoder.decode(gzip(body), AT);

    assertThat(result.cloudTrail()).hasSize(479 - NOT_DECODED.size());
    assertThat(result.deadLetters())
        .extracting(DeadLetter::detail)
        .allSatisfy(detail -> assertThat(detail).startsWith("Records["));
    int decoded = 0;
    for (int i = 0; i < EVENTS.size(); i++) {
      if (!NOT_DECODED.containsKey(i)) {
        assertThat(result.cloudTrail().get(decoded++).event()).isEqualTo(EVENTS.get(i));
      }
    }
    assertThat(result.deadLetters())
        .extracting(DeadLetter::reason)
        .containsExactlyElementsOf(new java.util.TreeMap<>(NOT_DECODED).values());
    assertThat(result.deadLetters().get(0).raw()).isEqualTo(bytes(EVENTS.get(121)));
  }

  @Test
  void shouldDecodeEveryEventInsideEventBridgeEnvelopes() {
    for (int i = 0; i < EVENTS.size(); i++) {
      JsonNode event = EVENTS.get(i);

      DecodeResult result =
          decoder.decode(bytes(eventBridge("AWS API Call via CloudTrail", event)), AT);

      assertOutcome(i, result.cloudTrail(), result.deadLetters(), "eventbridge");
      if (!NOT_DECODED.containsKey(i)) {
        CloudTrailEvent decoded = result.cloudTrail().get(0);
        assertThat(decoded.account()).isEqualTo(expectedAccount(event, "999999999999"));
        assertThat(decoded.region()).isEqualTo(event.path("awsRegion").asText("eu-west-1"));
        assertThat(decoded.eventId())
            .isEqualTo(event.path("eventID").asText("7bf73129-1428-4cd3-a780-95db273d1602"));
        assertThat(decoded.eventTime()).isNotNull();
      }
    }
  }

  @Test
  void shouldDecodeEveryEventAsAMessageOfATrailLogGroup() {
    List<String> messages = EVENTS.stream().map(JsonNode::toString).toList();

    DecodeResult result =
        decoder.decode(gzip(Fixtures.dataMessage("aws-cloudtrail-logs", messages)), AT);

    List<Integer> asLogLines = new ArrayList<>();
    NOT_DECODED.forEach(
        (line, reason) -> {
          if (reason.equals("unknown_shape")) {
            asLogLines.add(line);
          }
        });
    assertThat(result.cloudTrail()).hasSize(479 - NOT_DECODED.size());
    assertThat(result.cloudTrail()).extracting(CloudTrailEvent::envelope).containsOnly("cwl");
    assertThat(result.deadLetters()).extracting(DeadLetter::reason).containsOnly("bad_field");
    assertThat(result.deadLetters()).hasSize(2);
    assertThat(result.logs())
        .extracting(LogEvent::id)
        .containsExactlyInAnyOrderElementsOf(asLogLines.stream().map(String::valueOf).toList());
  }

  @Test
  void shouldKeepCloudFormationStackStatusChangesForDeployRules() {
    ObjectNode detail = Json.MAPPER.createObjectNode();
    detail.put("stack-id", "arn:aws:cloudformation:eu-west-1:999999999999:stack/app/1");
    detail.putObject("status-details").put("status", "UPDATE_ROLLBACK_COMPLETE");
    ObjectNode envelope = eventBridge("CloudFormation Stack Status Change", detail);
    envelope.put("source", "aws.cloudformation");

    DecodeResult result = decoder.decode(bytes(envelope), AT);

    assertThat(result.cloudTrail())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.eventSource()).isEqualTo("cloudformation.amazonaws.com");
              assertThat(e.eventName()).isEqualTo("CloudFormation Stack Status Change");
              assertThat(e.eventId()).isEqualTo("7bf73129-1428-4cd3-a780-95db273d1602");
              assertThat(e.eventTime()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
              assertThat(e.account()).isEqualTo("999999999999");
              assertThat(e.region()).isEqualTo("eu-west-1");
              assertThat(e.envelope()).isEqualTo("eventbridge");
              assertThat(e.event()).isEqualTo(envelope);
            });
  }

  @Test
  void shouldKeepCloudFormationResourceStatusChangesForTheDeployWatch() {
    ObjectNode detail = Json.MAPPER.createObjectNode();
    detail.put("stack-id", "arn:aws:cloudformation:eu-west-1:999999999999:stack/app/1");
    detail.put("logical-resource-id", "OrdersFunction");
    detail.put("physical-resource-id", "orders-api");
    detail.put("resource-type", "AWS::Lambda::Function");
    detail
        .putObject("status-details")
        .put("status", "UPDATE_FAILED")
        .put(
            "status-reason",
            "Resource handler returned message: \"Unzipped size must be smaller\"");
    ObjectNode envelope = eventBridge("CloudFormation Resource Status Change", detail);

    DecodeResult result = decoder.decode(bytes(envelope), AT);

    assertThat(result.deadLetters()).isEmpty();
    assertThat(result.cloudTrail())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.eventSource()).isEqualTo("cloudformation.amazonaws.com");
              assertThat(e.eventName()).isEqualTo("CloudFormation Resource Status Change");
              assertThat(e.account()).isEqualTo("999999999999");
              assertThat(e.event()).isEqualTo(envelope);
            });
  }

  @Test
  void shouldDeadLetterEventBridgeEventsItDoesNotIngest() {
    ObjectNode envelope =
        eventBridge("EC2 Instance State-change Notification", Json.MAPPER.createObjectNode());

    DecodeResult result = decoder.decode(bytes(envelope), AT);

    assertThat(result.deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo("unsupported_event");
              assertThat(d.detail()).contains("EC2 Instance State-change Notification");
            });
  }

  @Test
  void shouldDropADuplicateEventIdWithinTheWindow() {
    RecordDecoder deduplicating = RecordDecoder.withDefaults();
    JsonNode event = EVENTS.get(0).deepCopy();
    ((ObjectNode) event).put("eventID", "5f6c9a2e-dup");

    DecodeResult first = deduplicating.decode(bytes(event), AT);
    DecodeResult viaEventBridge =
        deduplicating.decode(bytes(eventBridge("AWS API Call via CloudTrail", event)), AT);

    assertThat(first.cloudTrail()).hasSize(1);
    assertThat(viaEventBridge.cloudTrail()).isEmpty();
    assertThat(viaEventBridge.duplicates()).isEqualTo(1);

    deduplicating.forget(List.of("5f6c9a2e-dup"));
    assertThat(deduplicating.decode(bytes(event), AT).cloudTrail()).hasSize(1);
  }

  private static void assertOutcome(
      int line, List<CloudTrailEvent> events, List<DeadLetter> deadLetters, String envelope) {
    String reason = NOT_DECODED.get(line);
    if (reason == null) {
      assertThat(deadLetters).as("line %d", line).isEmpty();
      assertThat(events)
          .as("line %d", line)
          .singleElement()
          .satisfies(
              e -> {
                JsonNode event = EVENTS.get(line);
                assertThat(e.event()).isEqualTo(event);
                assertThat(e.eventName()).isEqualTo(event.get("eventName").textValue());
                assertThat(e.eventSource()).isEqualTo(event.get("eventSource").textValue());
                assertThat(e.envelope()).isEqualTo(envelope);
                assertThat(e.source()).isEqualTo(AT);
                assertThat(e.eventTime()).as("never null: the decode time stands in").isNotNull();
              });
    } else {
      assertThat(events).as("line %d", line).isEmpty();
      assertThat(deadLetters)
          .as("line %d", line)
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.reason()).isEqualTo(reason);
                assertThat(d.source()).isEqualTo(AT);
              });
    }
  }

  private static String expectedAccount(JsonNode event, String fallback) {
    String account = event.path("recipientAccountId").textValue();
    if (account == null) {
      account = event.path("userIdentity").path("accountId").textValue();
    }
    return account == null ? fallback : account;
  }
}
