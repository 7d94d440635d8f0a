package io.tocsin.testing;

import io.tocsin.model.Alert;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.LogEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Plays events through a {@link DetectionDriver} as they would arrive live: the wall clock follows
 * event time (advanced to each event before it is piped, so one-second punctuations fire on the
 * way), and quiet time passes second by second. Collects every alert with the wall-clock time it
 * was read at.
 */
public final class Replay {

  /** An alert and the wall-clock time it had been produced by. */
  public record Seen(Alert alert, Instant wallClock) {}

  private final DetectionDriver driver;
  private final List<Seen> seen = new ArrayList<>();
  private Instant wallClock;

  /** A replay through {@code driver}, whose wall clock starts at {@code start}. */
  public Replay(DetectionDriver driver, Instant start) {
    this.driver = driver;
    this.wallClock = start;
  }

  /**
   * Pipes {@code events} (sorted by time), keyed as ingest keys them, moving the wall clock along.
   */
  public Replay play(List<LogEvent> events) {
    return play(events, LogEvent::logGroup);
  }

  /** Pipes {@code events} (sorted by time) under the record key {@code keyOf} gives each. */
  public Replay play(List<LogEvent> events, Function<LogEvent, String> keyOf) {
    for (LogEvent event : events) {
      advanceTo(Instant.ofEpochMilli(event.timestamp()));
      driver.pipe(keyOf.apply(event), event);
      collect();
    }
    return this;
  }

  /** Pipes CloudTrail {@code events} (sorted by time), moving the wall clock along. */
  public Replay playTrail(List<CloudTrailEvent> events) {
    for (CloudTrailEvent event : events) {
      advanceTo(event.eventTime());
      driver.pipe(event);
      collect();
    }
    return this;
  }

  /** Lets {@code quiet} pass on the wall clock, second by second, without events. */
  public Replay idle(Duration quiet) {
    advanceTo(wallClock.plus(quiet));
    return this;
  }

  /** Every alert so far, in order. */
  public List<Alert> alerts() {
    return seen.stream().map(Seen::alert).toList();
  }

  /** Every alert so far with the wall-clock time it was produced by. */
  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  private void advanceTo(Instant target) {
    while (wallClock.isBefore(target)) {
      Duration step = Duration.between(wallClock, target);
      step = step.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : step;
      driver.advanceWallClock(step);
      wallClock = wallClock.plus(step);
      collect();
    }
  }

  private void collect() {
    for (Alert alert : driver.alerts()) {
      seen.add(new Seen(alert, wallClock));
    }
  }
}
