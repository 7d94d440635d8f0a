package io.tocsin.app.replay;

import io.tocsin.detect.DetectionTopology;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.LogEvent;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.Topic;
import io.tocsin.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Runs replayed events through the production detection topology in Kafka Streams' in-process
 * driver (no broker): event time comes from the data, and the driver's clock follows the latest
 * event time so quiet windows resolve as they would have live; after the last record it runs on to
 * the {@link ReplayUntil} time, so final periods are evaluated and alarms resolve once traffic
 * stops. Hands each alert to a consumer (one JSON line each, or the noise forecast); counts late
 * events per rule for the summary.
 */
final class DetectionReplaySink implements Replay.ReplaySink {

  /**
   * The commit interval of production under exactly_once_v2: matches regrouped through a
   * repartition are folded for one interval of the driver's clock before they are tracked.
   */
  private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

  /** The longest single move of the clock after the last record: punctuation every minute. */
  private static final Duration STEP = Duration.ofMinutes(1);

  private static final Path TMPFS = Path.of("/dev/shm");

  private static final String LATE_EVENTS = "late-events-total";
  private static final String LATE_EVENTS_RULE_TAG = "tocsin-rates-id";

  private final RuleSet rules;
  private final Consumer<Alert> out;
  private final ReplayUntil until;
  private TopologyTestDriver driver;
  private TestInputTopic<String, LogEvent> logs;
  private TestInputTopic<String, CloudTrailEvent> cloudTrail;
  private TestOutputTopic<String, Alert> alerts;
  private Instant clock;
  private long firing;
  private long resolved;

  DetectionReplaySink(RuleSet rules, Consumer<Alert> out, ReplayUntil until) {
    this.rules = rules;
    this.out = out;
    this.until = until;
  }

  @Override
  public void log(LogEvent event) {
    Instant at = Instant.ofEpochMilli(event.timestamp());
    advanceTo(at);
    logs.pipeInput(event.logGroup(), event, at);
    drain();
  }

  @Override
  public void cloudTrail(CloudTrailEvent event) {
    advanceTo(event.eventTime());
    cloudTrail.pipeInput(event.account(), event, event.eventTime());
    drain();
  }

  @Override
  public void finish(ReplaySummary summary) {
    if (driver != null) {
      driver.advanceWallClockTime(COMMIT_INTERVAL); // forwards the last folded matches
      drain();
      Instant end = until.after(clock);
      while (clock.isBefore(end)) {
        Instant next = clock.plus(STEP).isBefore(end) ? clock.plus(STEP) : end;
        advanceTo(next);
        drain();
      }
      lateEvents(summary);
      driver.close();
    }
    summary.firing = firing;
    summary.resolved = resolved;
  }

  /** Adds the Streams metric {@code late-events-total} of each rate rule to {@code summary}. */
  private void lateEvents(ReplaySummary summary) {
    for (Map.Entry<MetricName, ? extends Metric> entry : driver.metrics().entrySet()) {
      MetricName name = entry.getKey();
      String rule = name.tags().get(LATE_EVENTS_RULE_TAG);
      if (name.name().equals(LATE_EVENTS) && rule != null) {
        long late = ((Number) entry.getValue().metricValue()).longValue();
        if (late > 0) {
          summary.lateEvents.merge(rule, late, Long::sum);
        }
      }
    }
  }

  private void advanceTo(Instant at) {
    if (driver == null) {
      start(at);
    } else if (at.isAfter(clock)) {
      driver.advanceWallClockTime(Duration.between(clock, at));
      clock = at;
    }
  }

  private void start(Instant at) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "tocsin-replay");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay.invalid:9092");
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL.toMillis());
    try {
      // The in-process driver commits, and flushes every store, after each record: on a tmpfs
      // that costs little, on a disk it dominates the replay.
      Path state =
          Files.isWritable(TMPFS)
              ? Files.createTempDirectory(TMPFS, "tocsin-replay")
              : Files.createTempDirectory("tocsin-replay");
      state.toFile().deleteOnExit();
      props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a state directory for replay", e);
    }
    driver = new TopologyTestDriver(DetectionTopology.build(rules), props, at);
    clock = at;
    logs = input(Topics.LOGS);
    cloudTrail = input(Topics.CLOUDTRAIL);
    alerts =
        driver.createOutputTopic(
            Topics.ALERTS.name(),
            Topics.ALERTS.keySerde().deserializer(),
            Topics.ALERTS.valueSerde().deserializer());
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return driver.createInputTopic(
        topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  private void drain() {
    for (Alert alert : alerts.readValuesToList()) {
      if (alert.status() == AlertStatus.FIRING) {
        firing++;
      } else {
        resolved++;
      }
      out.accept(alert);
    }
  }
}
