package io.tocsin.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.app.ops.IngestHealthChecks;
import io.tocsin.app.ops.IngestStallAlerts;
import io.tocsin.app.ops.ReadinessCheck;
import io.tocsin.config.KinesisSettings;
import io.tocsin.ingest.kinesis.IngestTestBed;
import io.tocsin.ingest.kinesis.KinesisSource;
import io.tocsin.ingest.kinesis.RecordingStallListener;
import io.tocsin.ingest.kinesis.ShardStall;
import io.tocsin.ingest.kinesis.StallListener;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.LogEvent;
import io.tocsin.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker goes away for half a minute while Kinesis records keep arriving: the shard's stall is
 * visible while it lasts (readiness down, {@code tocsin.ingest.shard.stalled} 1, an {@code
 * ingest-stall} alert), and once the broker is back ingest resumes by itself, nothing is lost and
 * the alert is resolved.
 */
class FaultIngestStallIT {

  private static final Duration STALL_AFTER = Duration.ofSeconds(5);
  private static final Duration DOWN_FOR = Duration.ofSeconds(25);
  private static final Duration WAIT = Duration.ofSeconds(120);

  @RegisterExtension static final IngestTestBed bed = new IngestTestBed();

  @Test
  void shouldShowTheStallWhileTheBrokerIsDownAndRecoverWithoutLossOrRestart() throws Exception {
    String stream = IngestTestBed.uniqueName("stall");
    KinesisSettings settings =
        IngestTestBed.withStallAfter(
            bed.worker(stream, 1, "worker-1", 50, Duration.ofSeconds(10)), STALL_AFTER);
    bed.prepare(settings);
    List<byte[]> records = IngestTestBed.numberedLogRecords(300);
    RecordingStallListener seen = new RecordingStallListener();

    try (IngestStallAlerts alerts = new IngestStallAlerts(bed.kafka(), "stall-it");
        KinesisSource source = bed.start(settings, both(seen, alerts))) {
      ReadinessCheck ready = IngestHealthChecks.readiness(source);
      bed.put(stream, records.subList(0, 100));
      bed.awaitRecords(Topics.LOGS, e -> e.source().stream().equals(stream), 100, WAIT);
      await().atMost(WAIT).until(() -> ready.check().ready());

      long t0 = System.nanoTime();
      bed.stopBroker();
      bed.put(stream, records.subList(100, 300));
      await().atMost(DOWN_FOR).until(() -> !ready.check().ready());
      long visibleAfter = (System.nanoTime() - t0) / 1_000_000;
      assertThat(ready.check().detail()).contains("stalled", stream + "/shardId-000000000000");
      assertThat(stalledGauge(stream)).isEqualTo(1.0);
      // readiness reads the shard's progress directly; the watch reports on its next 1 s check
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(seen.events())
                      .containsExactly("stalled " + stream + "/shardId-000000000000"));
      long downFor = DOWN_FOR.toMillis() - (System.nanoTime() - t0) / 1_000_000;
      Thread.sleep(Math.max(0, downFor));
      assertThat(ready.check().ready()).as("still stalled while the broker is down").isFalse();

      bed.restartBroker();
      long t1 = System.nanoTime();
      List<LogEvent> events =
          bed.awaitRecords(Topics.LOGS, e -> e.source().stream().equals(stream), 300, WAIT);
      await().atMost(WAIT).until(() -> ready.check().ready());
      long recoveredAfter = (System.nanoTime() - t1) / 1_000_000;
      await().atMost(WAIT).until(() -> seen.events().size() == 2);
      List<Alert> stallAlerts =
          bed.awaitRecords(
              Topics.ALERTS, a -> a.rule().id().equals(IngestStallAlerts.RULE_ID), 2, WAIT);
      System.out.printf(
          "ingest stall: visible %d ms after the broker stopped (stall_after %s), ready again %d ms"
              + " after it restarted; %d events, %d distinct%n",
          visibleAfter,
          STALL_AFTER,
          recoveredAfter,
          events.size(),
          events.stream().map(LogEvent::message).distinct().count());

      assertThat(events.stream().map(LogEvent::message).distinct()).hasSize(300);
      assertThat(stalledGauge(stream)).isZero();
      assertThat(seen.events()).endsWith("recovered " + stream + "/shardId-000000000000");
      assertThat(stallAlerts)
          .extracting(Alert::status)
          .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
      assertThat(stallAlerts)
          .extracting(Alert::fingerprint)
          .containsOnly(stallAlerts.get(0).fingerprint());
      assertThat(stallAlerts.get(0).labels()).containsEntry("stream", stream);
    }
  }

  private static double stalledGauge(String stream) {
    return bed.registry()
        .get("tocsin.ingest.shard.stalled")
        .tags("source", stream, "shard", "shardId-000000000000")
        .gauge()
        .value();
  }

  private static StallListener both(StallListener first, StallListener second) {
    return new StallListener() {
      @Override
      public void stalled(ShardStall stall) {
        first.stalled(stall);
        second.stalled(stall);
      }

      @Override
      public void recovered(ShardStall stall, Instant at) {
        first.recovered(stall, at);
        second.recovered(stall, at);
      }
    };
  }
}
