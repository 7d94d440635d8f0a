package io.tocsin.ingest.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.KinesisSettings;
import io.tocsin.emulators.KclLeaseTable;
import io.tocsin.model.LogEvent;
import io.tocsin.topics.Topics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers stopping, restarting and sharing shards lose nothing and re-read at most the batch that
 * Kafka had not acknowledged.
 */
class KinesisIngestRestartIT {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisIngestRestartIT.class);
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int BATCH = 20;

  @RegisterExtension static final IngestTestBed bed = new IngestTestBed();

  @Test
  void shouldResumeAfterAGracefulStopWithoutLossOrRereading() {
    Run run = stopMidStreamAndRestart(Duration.ofSeconds(10));

    assertThat(run.distinct).isEqualTo(run.total);
    assertThat(run.rereads).isZero();
  }

  @Test
  void shouldRereadAtMostTheUnacknowledgedBatchPerShardAfterAnAbruptStop() {
    Run run = stopMidStreamAndRestart(Duration.ZERO);

    assertThat(run.distinct).isEqualTo(run.total);
    assertThat(run.rereads).isLessThanOrEqualTo(BATCH * 2);
  }

  @Test
  void shouldShareShardsBetweenTwoWorkers() {
    String stream = IngestTestBed.uniqueName("shared");
    KinesisSettings a = bed.streams(IngestTestBed.uniqueName("app"), "worker-a", 4, stream);
    KinesisSettings b = IngestTestBed.with(a, "worker-b", a.maxRecords(), a.shutdownTimeout());
    KclLeaseTable leases = bed.prepare(a);
    bed.put(stream, IngestTestBed.numberedLogRecords(200));

    try (KinesisSource first = bed.start(a);
        KinesisSource second = bed.start(b)) {
      List<LogEvent> events =
          bed.awaitRecords(Topics.LOGS, e -> e.source().stream().equals(stream), 200, WAIT);
      org.awaitility.Awaitility.await()
          .atMost(WAIT)
          .until(() -> owners(leases).containsAll(Set.of("worker-a", "worker-b")));

      assertThat(first.running() && second.running()).isTrue();
      assertThat(events.stream().map(LogEvent::message).distinct()).hasSize(200);
      LOG.info(
          "leases after sharing: {}",
          leases.leases().stream()
              .map(l -> l.get("leaseKey").s() + "=" + l.get("leaseOwner").s())
              .toList());
    }
  }

  private Run stopMidStreamAndRestart(Duration shutdownTimeout) {
    String stream = IngestTestBed.uniqueName("restart");
    KinesisSettings settings = bed.worker(stream, 2, "worker-1", BATCH, shutdownTimeout);
    bed.prepare(settings);
    int total = 600;
    bed.put(stream, IngestTestBed.numberedLogRecords(total));

    try (KinesisSource source = bed.start(settings)) {
      bed.awaitRecords(Topics.LOGS, e -> e.source().stream().equals(stream), 200, WAIT);
      assertThat(source.running()).isTrue();
    }
    int beforeRestart = bed.read(Topics.LOGS, e -> e.source().stream().equals(stream)).size();
    long t0 = System.nanoTime();
    try (KinesisSource source = bed.start(settings)) {
      List<LogEvent> all =
          bed.awaitRecords(Topics.LOGS, e -> e.source().stream().equals(stream), total, WAIT);
      Set<String> distinct = new HashSet<>();
      all.forEach(e -> distinct.add(e.message()));
      org.awaitility.Awaitility.await().atMost(WAIT).until(() -> distinctCount(stream) == total);
      int published = bed.read(Topics.LOGS, e -> e.source().stream().equals(stream)).size();
      LOG.info(
          "stopped after {} of {} records (shutdown timeout {}); after restart all {} in {} ms, {} read twice",
          beforeRestart,
          total,
          shutdownTimeout,
          total,
          (System.nanoTime() - t0) / 1_000_000,
          published - total);
      assertThat(beforeRestart).isLessThan(total);
      assertThat(source.running()).isTrue();
      return new Run(total, distinctCount(stream), published - total);
    }
  }

  private static int distinctCount(String stream) {
    return (int)
        bed.read(Topics.LOGS, e -> e.source().stream().equals(stream)).stream()
            .map(LogEvent::message)
            .distinct()
            .count();
  }

  private static Set<String> owners(KclLeaseTable leases) {
    Set<String> owners = new HashSet<>();
    leases
        .leases()
        .forEach(
            l -> {
              if (l.get("leaseOwner") != null) {
                owners.add(l.get("leaseOwner").s());
              }
            });
    return owners;
  }

  /** What a stop-and-restart run published. */
  private record Run(int total, int distinct, int rereads) {}
}
