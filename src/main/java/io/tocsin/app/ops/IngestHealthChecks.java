package io.tocsin.app.ops;

import io.tocsin.ingest.kinesis.IngestHealth;
import io.tocsin.ingest.kinesis.KinesisSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The health checks of the Kinesis source: ready while the KCL worker runs and no shard is stalled;
 * live until the worker has been down (failed to start or stopped, being restarted) for longer than
 * {@code kinesis.dead_after}.
 */
public final class IngestHealthChecks {

  private static final String NAME = "kinesis-source";

  private IngestHealthChecks() {}

  /** The readiness check of {@code source}. */
  public static ReadinessCheck readiness(KinesisSource source) {
    return check(source::health, h -> h.ready());
  }

  /** The liveness check of {@code source}: fails once it has been down for {@code deadAfter}. */
  public static ReadinessCheck liveness(KinesisSource source, Duration deadAfter, Clock clock) {
    return liveness(source::health, deadAfter, clock);
  }

  /** The liveness check over {@code health}, for tests without a KCL. */
  static ReadinessCheck liveness(Supplier<IngestHealth> health, Duration deadAfter, Clock clock) {
    return check(
        health,
        h -> {
          Instant down = h.downSince();
          return down == null || Duration.between(down, clock.instant()).compareTo(deadAfter) < 0;
        });
  }

  private static ReadinessCheck check(
      Supplier<IngestHealth> health, Predicate<IngestHealth> passes) {
    return new ReadinessCheck() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public Result check() {
        IngestHealth h = health.get();
        return new Result(passes.test(h), h.detail());
      }
    };
  }
}
