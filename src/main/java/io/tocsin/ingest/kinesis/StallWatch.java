package io.tocsin.ingest.kinesis;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at {@link ShardProgress} every second and reports each change: a shard that has just
 * stalled is logged as an error and handed to the {@link StallListener}; a stalled shard that
 * publishes again (or is released) is logged and reported as recovered. One per worker.
 */
final class StallWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StallWatch.class);
  private static final Duration TICK = Duration.ofSeconds(1);

  private final ShardProgress progress;
  private final StallListener listener;
  private final Clock clock;
  private final Duration stallAfter;
  private final Map<String, ShardStall> reported = new HashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "tocsin-ingest-stall-watch");
            t.setDaemon(true);
            return t;
          });

  StallWatch(ShardProgress progress, StallListener listener, Clock clock, Duration stallAfter) {
    this.progress = progress;
    this.listener = listener;
    this.clock = clock;
    this.stallAfter = stallAfter;
  }

  /** Starts looking, once a second. */
  void start() {
    timer.scheduleWithFixedDelay(this::safeCheck, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void safeCheck() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.error("stall watch failed; checking again in {}", TICK, e);
    }
  }

  /** Compares the stalls now with those reported; reports what changed. */
  void check() {
    List<ShardStall> now = progress.stalls();
    Map<String, ShardStall> current = new HashMap<>();
    for (ShardStall stall : now) {
      current.put(stall.shard(), stall);
      if (!reported.containsKey(stall.shard())) {
        LOG.error(
            "Kinesis shard {} has not published to Kafka for over {} (waiting since {}; last"
                + " failure: {}); /health/ready reports it until it recovers",
            stall.shard(),
            stallAfter,
            stall.since(),
            stall.lastFailure() == null ? "none reported" : stall.lastFailure());
        reported.put(stall.shard(), stall);
        listener.stalled(stall);
      }
    }
    reported
        .entrySet()
        .removeIf(
            e -> {
              if (current.containsKey(e.getKey())) {
                return false;
              }
              ShardStall stall = e.getValue();
              LOG.info(
                  "Kinesis shard {} is publishing again after {} s",
                  stall.shard(),
                  Duration.between(stall.since(), clock.instant()).toSeconds());
              listener.recovered(stall, clock.instant());
              return true;
            });
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
