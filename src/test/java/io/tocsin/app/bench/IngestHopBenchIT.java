package io.tocsin.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest-hop figures at tiny settings against the in-process broker: every batch reaches the
 * record processor, is acknowledged and checkpointed (the bench fails otherwise), and both figures
 * are measured on the same records.
 */
class IngestHopBenchIT {

  @TempDir Path dir;

  @Test
  void shouldMeasureBothSourcesThroughTheRecordProcessorToAcknowledgedBatches() {
    Corpus corpus = Corpus.generate(7, 2_000, 300, Instant.parse("2026-11-26T00:00:00Z"));
    Rounds rounds = new Rounds(Duration.ofMillis(200), Duration.ofMillis(100), 1);

    IngestHopBench.Results results = IngestHopBench.run(corpus, rounds, dir);

    for (IngestHopBench.Result r :
        new IngestHopBench.Result[] {results.logs(), results.cloudTrail()}) {
      assertThat(r.batches()).isPositive();
      assertThat(r.decode().eventsPerSecond()).isPositive();
      assertThat(r.ingest().eventsPerSecond()).isPositive();
      assertThat(r.ratio()).isBetween(0.0, 2.0);
    }
    assertThat(results.cloudTrail().ingest().name()).isEqualTo("bench-cloudtrail ingest hop");
  }
}
