package io.tocsin.ingest.decode;

import static io.tocsin.ingest.Fixtures.dataMessage;
import static io.tocsin.ingest.Fixtures.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.ingest.Fixtures;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** CloudWatch Logs subscription records, from AWS's documentation and real Lambda output. */
class CloudWatchLogsDecodingTest {

  private static final SourcePosition AT = SourcePosition.kinesis("logs", "shardId-000", "4960");

  private final RecordDecoder decoder =
      new RecordDecoder(
          Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC),
          RecordDecoder.DEFAULT_MAX_INFLATED_BYTES,
          new EventIdWindow(0, Duration.ZERO, Clock.systemUTC()));

  @Test
  void shouldDecodeTheDocumentedKinesisRecordByteForByte() {
    String base64 =
        Fixtures.json(
                "cwlogs/subscription-envelope/DERIVED_kinesis_record_from_aws_docs_example.json")
            .at("/kinesis_get_records_style/Records/0/Data")
            .textValue();
    JsonNode expected =
        Fixtures.json(
                "cwlogs/subscription-envelope/aws_docs_kinesis_cross_account_DATA_MESSAGE_decoded.json")
            .at("/examples/0/decoded");

    DecodeResult result = decoder.decode(Base64.getDecoder().decode(base64), AT);

    assertThat(result.deadLetters()).isEmpty();
    assertThat(result.cloudTrail()).isEmpty();
    assertThat(result.logs()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode event = expected.at("/logEvents/" + i);
      assertThat(result.logs().get(i))
          .isEqualTo(
              new LogEvent(
                  "111111111111",
                  "CloudTrail/logs",
                  "111111111111_CloudTrail/logs_us-east-1",
                  event.get("id").textValue(),
                  1432826855000L,
                  event.get("message").textValue(),
                  AT));
    }
  }

  @Test
  void shouldAcceptTheRecordStillInBase64AsTheKinesisApiShowsIt() {
    byte[] base64 =
        Fixtures.json(
                "cwlogs/subscription-envelope/DERIVED_kinesis_record_from_aws_docs_example.json")
            .at("/kinesis_get_records_style/Records/0/Data")
            .textValue()
            .getBytes(StandardCharsets.US_ASCII);

    assertThat(decoder.decode(base64, AT).logs()).hasSize(3);
  }

  @Test
  void shouldKeepTruncatedCloudTrailTextFromTheDocsAsLogLines() {
    JsonNode doc =
        Fixtures.json(
            "cwlogs/subscription-envelope/aws_docs_SubscriptionFilters_examples_decoded.json");
    for (JsonNode example : doc.get("examples")) {
      DecodeResult result = decoder.decode(gzip(example.get("decoded")), AT);

      assertThat(result.logs()).extracting(LogEvent::logGroup).hasSize(3).doesNotContainNull();
      assertThat(result.cloudTrail()).isEmpty();
      assertThat(result.deadLetters()).isEmpty();
    }
  }

  @Test
  void shouldSkipAndCountControlMessagesEvenWithAStringTimestamp() {
    JsonNode control =
        Fixtures.json("cwlogs/subscription-envelope/control_message_examples.json")
            .at("/0/decoded");

    DecodeResult result = decoder.decode(gzip(control), AT);

    assertThat(result.controlMessages()).isEqualTo(1);
    assertThat(result.outputCount()).isZero();
  }

  @Test
  void shouldDecodeTheLambdaConsoleTestEvent() {
    JsonNode doc =
        Fixtures.json("cwlogs/subscription-envelope/lambda_awslogs_event_encoded_and_decoded.json");
    byte[] record = Base64.getDecoder().decode(doc.at("/lambda_event/awslogs/data").textValue());

    DecodeResult result = decoder.decode(record, AT);

    assertThat(result.logs())
        .extracting(LogEvent::id, LogEvent::timestamp, LogEvent::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "eventId1", 1440442987000L, "[ERROR] First test message"),
            org.assertj.core.groups.Tuple.tuple(
                "eventId2", 1440442987001L, "[ERROR] Second test message"));
    assertThat(result.logs().get(0).owner()).isEqualTo("123456789123");
    assertThat(result.logs().get(0).logGroup()).isEqualTo("testLogGroup");
    assertThat(result.logs().get(0).logStream()).isEqualTo("testLogStream");
  }

  @Test
  void shouldDecodeEveryEventOfTheRealLambdaStreamUnchanged() {
    JsonNode decoded = Fixtures.json("cwlogs/lambda/datadog_real_node_lambda_stream_decoded.json");
    JsonNode envelope = decoded.get("decoded");

    DecodeResult result = decoder.decode(gzip(envelope), AT);

    assertThat(result.deadLetters()).isEmpty();
    assertThat(result.logs()).hasSize(envelope.get("logEvents").size());
    for (int i = 0; i < result.logs().size(); i++) {
      JsonNode event = envelope.get("logEvents").get(i);
      LogEvent log = result.logs().get(i);
      assertThat(log.id()).isEqualTo(event.get("id").textValue());
      assertThat(log.timestamp()).isEqualTo(event.get("timestamp").longValue());
      assertThat(log.message()).isEqualTo(event.get("message").textValue());
      assertThat(log.logGroup()).isEqualTo("/aws/lambda/hello-dog-node-dev-hello12x");
      assertThat(log.owner()).isEqualTo("601427279990");
    }
  }

  @Test
  void shouldDecodeEveryLambdaLineWrappedIntoEnvelopesPerLogGroup() {
    List<JsonNode> lines = Fixtures.jsonLines("cwlogs/lambda/lambda_log_lines_flat.jsonl");
    List<JsonNode> docs =
        Fixtures.jsonLines("cwlogs/lambda/aws_lambda_developer_guide_log_examples.jsonl");
    Map<String, List<String>> byGroup =
        lines.stream()
            .collect(
                Collectors.groupingBy(
                    l -> l.path("log_group").asText("/aws/lambda/docs-example"),
                    java.util.TreeMap::new,
                    Collectors.mapping(l -> l.get("message").textValue(), Collectors.toList())));
    byGroup.put("/aws/lambda/guide", docs.stream().map(d -> d.get("text").textValue()).toList());

    int total = 0;
    for (Map.Entry<String, List<String>> group : byGroup.entrySet()) {
      DecodeResult result = decoder.decode(gzip(dataMessage(group.getKey(), group.getValue())), AT);

      assertThat(result.deadLetters()).isEmpty();
      assertThat(result.cloudTrail()).isEmpty();
      assertThat(result.logs()).extracting(LogEvent::message).isEqualTo(group.getValue());
      assertThat(result.logs()).extracting(LogEvent::logGroup).containsOnly(group.getKey());
      total += result.logs().size();
    }
    assertThat(total).isEqualTo(lines.size() + docs.size()).isEqualTo(92 + 76);
  }

  @Test
  void shouldDecodeTheForwarderPayloadsWithStringOrMissingTimestamps() {
    List<JsonNode> payloads = Fixtures.jsonLines("cwlogs/dynatrace_forwarder_test_payloads.jsonl");
    assertThat(payloads).hasSize(22);
    for (JsonNode payload : payloads) {
      JsonNode envelope = payload.get("payload_decoded");

      DecodeResult result = decoder.decode(gzip(envelope), AT);

      assertThat(result.deadLetters()).as(payload.get("source").textValue()).isEmpty();
      if (envelope.get("messageType").textValue().equals("CONTROL_MESSAGE")) {
        assertThat(result.controlMessages()).isEqualTo(1);
        assertThat(result.logs()).isEmpty();
        continue;
      }
      assertThat(result.logs()).hasSize(envelope.get("logEvents").size());
      for (int i = 0; i < result.logs().size(); i++) {
        JsonNode timestamp = envelope.at("/logEvents/" + i + "/timestamp");
        assertThat(result.logs().get(i).timestamp())
            .isEqualTo(
                timestamp.isMissingNode()
                    ? Instant.parse("2024-01-01T00:00:00Z").toEpochMilli()
                    : Long.parseLong(timestamp.asText()));
      }
    }
  }

  @Test
  void shouldSendCloudTrailMessagesOfATrailLogGroupToCloudTrailAndTheRestToLogs() {
    String trailEvent =
        "{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\","
            + "\"eventName\":\"CreateUser\",\"eventID\":\"e-1\",\"eventTime\":\"2024-01-01T00:00:00Z\","
            + "\"awsRegion\":\"us-east-1\",\"recipientAccountId\":\"123456789012\"}";
    List<String> messages = List.of(trailEvent, "{\"level\":\"info\",\"eventName\":\"x\"}", "hi");

    DecodeResult result = decoder.decode(gzip(dataMessage("aws-cloudtrail-logs", messages)), AT);

    assertThat(result.cloudTrail())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.envelope()).isEqualTo("cwl");
              assertThat(e.eventName()).isEqualTo("CreateUser");
              assertThat(e.event().toString()).isEqualTo(trailEvent);
              assertThat(e.source()).isEqualTo(AT);
            });
    assertThat(result.logs()).extracting(LogEvent::message).containsExactly(messages.get(1), "hi");
  }

  @Test
  void shouldDeadLetterOnlyTheBadCloudTrailMessageOfAnEnvelope() {
    String bad =
        "{\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\",\"eventTime\":\"soon\"}";

    DecodeResult result = decoder.decode(gzip(dataMessage("trail", List.of(bad, "ok"))), AT);

    assertThat(result.logs()).extracting(LogEvent::message).containsExactly("ok");
    assertThat(result.deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo("bad_field");
              assertThat(d.detail()).contains("log event 0 of trail", "eventTime");
              assertThat(d.raw()).isEqualTo(bad.getBytes(StandardCharsets.UTF_8));
            });
  }
}
