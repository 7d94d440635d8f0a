package io.tocsin.ingest.kinesis;

import static io.tocsin.ingest.Fixtures.bytes;
import static io.tocsin.ingest.Fixtures.dataMessage;
import static io.tocsin.ingest.Fixtures.eventBridge;
import static io.tocsin.ingest.Fixtures.gzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.config.KinesisSettings;
import io.tocsin.ingest.Fixtures;
import io.tocsin.ingest.decode.RecordDecoder;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.DeadLetter;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records put into the Kinesis emulator come out on tocsin's topics exactly. */
class KinesisIngestIT {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisIngestIT.class);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension static final IngestTestBed bed = new IngestTestBed();

  @Test
  void shouldPublishLogAndCloudTrailRecordsFromTwoStreamsWithExactFields() {
    String logs = IngestTestBed.uniqueName("logs");
    String trail = IngestTestBed.uniqueName("trail");
    KinesisSettings settings =
        bed.streams(IngestTestBed.uniqueName("app"), "worker-1", 2, logs, trail);
    bed.prepare(settings);
    JsonNode lambda =
        Fixtures.json("cwlogs/lambda/datadog_real_node_lambda_stream_decoded.json").get("decoded");
    JsonNode control =
        Fixtures.json("cwlogs/subscription-envelope/control_message_examples.json")
            .at("/0/decoded");
    List<JsonNode> events = withUniqueIds(Fixtures.pantherEvents().subList(0, 3));
    SourcePosition lambdaAt = bed.put(logs, List.of(gzip(lambda), gzip(control))).get(0);
    List<SourcePosition> trailAt =
        bed.put(
            trail,
            List.of(
                bytes(events.get(0)),
                bytes(eventBridge("AWS API Call via CloudTrail", events.get(1))),
                gzip(dataMessage("trail-group", List.of(events.get(2).toString())))));

    long t0 = System.nanoTime();
    try (KinesisSource source = bed.start(settings)) {
      List<LogEvent> logEvents =
          bed.awaitRecords(
              Topics.LOGS,
              e -> e.source().stream().equals(logs),
              lambda.get("logEvents").size(),
              WAIT);
      LOG.info(
          "first records on the topic {} ms after start", (System.nanoTime() - t0) / 1_000_000);
      List<CloudTrailEvent> trailEvents =
          bed.awaitRecords(Topics.CLOUDTRAIL, e -> e.source().stream().equals(trail), 3, WAIT);

      assertThat(source.running()).isTrue();
      for (int i = 0; i < logEvents.size(); i++) {
        JsonNode expected = lambda.get("logEvents").get(i);
        assertThat(logEvents.get(i))
            .isEqualTo(
                new LogEvent(
                    "601427279990",
                    "/aws/lambda/hello-dog-node-dev-hello12x",
                    "2020/03/05/[$LATEST]20bddfd5a2dc4c6b97ac02800eae90d0",
                    expected.get("id").textValue(),
                    expected.get("timestamp").longValue(),
                    expected.get("message").textValue(),
                    lambdaAt));
      }
      assertThat(trailEvents).hasSize(3);
      for (int i = 0; i < 3; i++) {
        SourcePosition at = trailAt.get(i);
        CloudTrailEvent event =
            trailEvents.stream().filter(e -> e.source().equals(at)).findFirst().orElseThrow();
        assertThat(event.event()).isEqualTo(events.get(i));
        assertThat(event.eventId()).isEqualTo(events.get(i).get("eventID").textValue());
        assertThat(event.envelope()).isEqualTo(List.of("cloudtrail", "eventbridge", "cwl").get(i));
      }
      assertThat(bed.registry().counter("tocsin.ingest.control.messages").count())
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void shouldDeadLetterBadRecordsWithTheirPositionAndKeepGoing() {
    String stream = IngestTestBed.uniqueName("mixed");
    KinesisSettings settings = bed.streams(IngestTestBed.uniqueName("app"), "worker-1", 1, stream);
    bed.prepare(settings);
    byte[] badGzip = {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3};
    byte[] notJson = "ERROR something broke".getBytes(StandardCharsets.UTF_8);
    List<SourcePosition> at =
        bed.put(stream, List.of(badGzip, notJson, gzip(dataMessage("/app", List.of("after")))));

    try (KinesisSource source = bed.start(settings)) {
      List<DeadLetter> letters =
          bed.awaitRecords(Topics.DEADLETTER, d -> d.source().stream().equals(stream), 2, WAIT);
      List<LogEvent> after =
          bed.awaitRecords(Topics.LOGS, e -> e.source().stream().equals(stream), 1, WAIT);

      assertThat(letters)
          .extracting(DeadLetter::reason, DeadLetter::source)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("bad_gzip", at.get(0)),
              org.assertj.core.groups.Tuple.tuple("bad_json", at.get(1)));
      assertThat(letters.get(0).raw()).isEqualTo(badGzip);
      assertThat(letters.get(1).raw()).isEqualTo(notJson);
      assertThat(after).extracting(LogEvent::message).containsExactly("after");
    }
  }

  @Test
  void shouldDrainABacklogThenPublishLiveRecordsWithinASecond() {
    String stream = IngestTestBed.uniqueName("backlog");
    KinesisSettings settings = bed.streams(IngestTestBed.uniqueName("app"), "worker-1", 2, stream);
    bed.prepare(settings);
    int backlog = 5000;
    long putStart = System.nanoTime();
    bed.put(stream, IngestTestBed.numberedLogRecords(backlog));
    LOG.info(
        "put {} records into kinesis-local in {} ms",
        backlog,
        (System.nanoTime() - putStart) / 1_000_000);

    long t0 = System.nanoTime();
    try (KinesisSource source = bed.start(settings)) {
      bed.awaitRecords(Topics.LOGS, e -> e.source().stream().equals(stream), backlog, WAIT);
      long firstRecordMillis = (System.nanoTime() - t0) / 1_000_000;
      LongSummaryStatistics published =
          bed.readRecords(Topics.LOGS, e -> e.source().stream().equals(stream)).stream()
              .mapToLong(r -> r.timestamp())
              .summaryStatistics();
      long drainMillis = Math.max(1, published.getMax() - published.getMin());
      long latency =
          bed.millisUntilPublished(
              Topics.LOGS,
              e -> e.message().equals("live"),
              () -> bed.put(stream, List.of(gzip(dataMessage("/live", List.of("live"))))));

      LOG.info(
          "backlog of {} records all published within {} ms of start; from first to last publish"
              + " {} ms ({} records/s); a live record took {} ms from PutRecords to the topic",
          backlog,
          firstRecordMillis,
          drainMillis,
          backlog * 1000L / drainMillis,
          latency);
      assertThat(source.running()).isTrue();
      assertThat(latency).isLessThan(1000);
    }
  }

  @Test
  void shouldReadWithEnhancedFanOut() {
    assertRoundTrip(
        IngestTestBed.uniqueName("fanout"),
        s -> IngestTestBed.variant(s, "fanout", s.kinesisEndpoint()));
  }

  @Test
  void shouldReadOverHttp2AndTlsTrustingTheLoopbackEmulatorsCertificate() {
    assertRoundTrip(
        IngestTestBed.uniqueName("tls"),
        s -> IngestTestBed.variant(s, "polling", bed.aws().kinesis().tlsEndpoint().toString()));
  }

  private static void assertRoundTrip(String stream, UnaryOperator<KinesisSettings> variant) {
    KinesisSettings settings =
        variant.apply(bed.streams(IngestTestBed.uniqueName("app"), "worker-1", 1, stream));
    bed.prepare(settings);
    bed.put(stream, List.of(gzip(dataMessage("/variant", List.of("hello")))));

    long t0 = System.nanoTime();
    try (KinesisSource source = bed.start(settings)) {
      List<LogEvent> events =
          bed.awaitRecords(Topics.LOGS, e -> e.source().stream().equals(stream), 1, WAIT);
      LOG.info(
          "{} ({}, {}): first record {} ms after start",
          stream,
          settings.retrievalMode(),
          settings.kinesisEndpoint(),
          (System.nanoTime() - t0) / 1_000_000);
      long latency =
          bed.millisUntilPublished(
              Topics.LOGS,
              e -> e.message().equals("live"),
              () -> bed.put(stream, List.of(gzip(dataMessage("/variant", List.of("live"))))));
      LOG.info("{}: a live record took {} ms from PutRecords to the topic", stream, latency);
      assertThat(events).extracting(LogEvent::message).containsExactly("hello");
      assertThat(source.running()).isTrue();
    }
  }

  @Test
  void shouldRefuseToStartNamingAStreamThatDoesNotExist() {
    String stream = IngestTestBed.uniqueName("real");
    KinesisSettings settings = bed.streams(IngestTestBed.uniqueName("app"), "worker-1", 1, stream);
    KinesisSettings withMissing =
        new KinesisSettings(
            List.of(stream, "missing-stream"),
            settings.region(),
            settings.kinesisEndpoint(),
            settings.dynamodbEndpoint(),
            settings.retrievalMode(),
            settings.applicationName(),
            settings.leaseTable(),
            settings.initialPosition(),
            settings.workerId(),
            false,
            settings.maxRecords(),
            settings.pollInterval(),
            settings.failoverTime(),
            settings.shardSyncInterval(),
            settings.shutdownTimeout(),
            settings.stallAfter(),
            settings.deadAfter());
    KinesisSource source =
        new KinesisSource(
            withMissing,
            bed.kafka(),
            RecordDecoder.withDefaults(),
            bed.registry(),
            new RecordingStallListener());

    assertThatThrownBy(source::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot describe Kinesis stream 'missing-stream'");
    assertThat(source.running()).isFalse();
  }

  /** Panther's events share eventIDs such as "1": make them distinct, or they are duplicates. */
  private static List<JsonNode> withUniqueIds(List<JsonNode> events) {
    return events.stream()
        .map(
            e ->
                (JsonNode) ((ObjectNode) e.deepCopy()).put("eventID", UUID.randomUUID().toString()))
        .toList();
  }
}
