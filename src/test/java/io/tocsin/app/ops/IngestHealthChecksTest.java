package io.tocsin.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.ingest.kinesis.IngestHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Liveness fails only once the KCL worker has been down for longer than dead_after. */
class IngestHealthChecksTest {

  private static final Instant NOW = Instant.parse("2026-12-06T18:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final AtomicReference<IngestHealth> health =
      new AtomicReference<>(new IngestHealth(true, null, List.of(), "reading 2 shards"));
  private final ReadinessCheck live =
      IngestHealthChecks.liveness(health::get, Duration.ofMinutes(5), CLOCK);

  @Test
  void shouldStayLiveWhileTheWorkerRunsOrHasBeenDownForLessThanDeadAfter() {
    assertThat(live.check().ready()).isTrue();

    health.set(down(NOW.minus(Duration.ofMinutes(4))));
    assertThat(live.check().ready()).as("down 4 min, being restarted").isTrue();
  }

  @Test
  void shouldFailLivenessOnceTheWorkerHasBeenDownForDeadAfter() {
    health.set(down(NOW.minus(Duration.ofMinutes(5))));

    ReadinessCheck.Result result = live.check();
    assertThat(result.ready()).isFalse();
    assertThat(result.detail()).contains("KCL worker down since 2026-12-06T17:55:00Z");
    assertThat(live.name()).isEqualTo("kinesis-source");
  }

  private static IngestHealth down(Instant since) {
    return new IngestHealth(
        false,
        since,
        List.of(),
        "KCL worker down since " + since + " (every initialization attempt failed); restarting");
  }
}
