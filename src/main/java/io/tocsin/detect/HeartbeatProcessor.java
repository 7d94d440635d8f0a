package io.tocsin.detect;

import io.tocsin.config.Durations;
import io.tocsin.config.HeartbeatSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the last arrival time of each watched source (key: heartbeat name) and, on a wall-clock
 * tick, fires when a source has been silent for its {@code absent_for}; the next event resolves it.
 * Silence is counted only while this processor runs: from the later of the last arrival and the
 * moment processing resumed (a start, a restart, a task moved here). tocsin's own downtime is
 * therefore never taken for a silent source, and the events that arrived meanwhile are read from
 * the ingest topics before the source can be judged silent. The alert still says since when nothing
 * has arrived.
 */
final class HeartbeatProcessor implements Processor<String, Long, String, Alert> {

  /** Rule id of heartbeat alerts. */
  static final String RULE_ID = "heartbeat";

  private final Map<String, HeartbeatSettings> heartbeats;
  private final String storeName;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, HeartbeatState> states;
  private long startedMillis = -1;

  HeartbeatProcessor(Map<String, HeartbeatSettings> heartbeats, String storeName) {
    this.heartbeats = heartbeats;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.states = context.getStateStore(storeName);
    context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::checkSilence);
  }

  @Override
  public void process(Record<String, Long> sighting) {
    HeartbeatSettings heartbeat = heartbeats.get(sighting.key());
    if (heartbeat == null) {
      return;
    }
    long now = context.currentSystemTimeMs();
    HeartbeatState state = states.get(sighting.key());
    if (state != null && state.firing()) {
      context.forward(
          new Record<>(
              sighting.key(),
              alert(heartbeat, state.silentSince(), now, AlertStatus.RESOLVED),
              now));
    }
    states.put(sighting.key(), new HeartbeatState(now, null));
  }

  private void checkSilence(long now) {
    if (startedMillis < 0) {
      startedMillis = now; // the first tick: the context's clock is not set during init
      return;
    }
    for (HeartbeatSettings heartbeat : heartbeats.values()) {
      HeartbeatState state = states.get(heartbeat.name());
      if (state != null && state.firing()) {
        continue;
      }
      long last = state == null ? startedMillis : state.lastArrivalMillis();
      if (now - Math.max(last, startedMillis) >= heartbeat.absentFor().toMillis()) {
        Instant since = Instant.ofEpochMilli(last);
        states.put(heartbeat.name(), new HeartbeatState(last, since));
        context.forward(
            new Record<>(heartbeat.name(), alert(heartbeat, since, now, AlertStatus.FIRING), now));
      }
    }
  }

  private static Alert alert(HeartbeatSettings h, Instant since, long now, AlertStatus status) {
    String fingerprint = Fingerprints.of(RULE_ID, h.name());
    Instant at = Instant.ofEpochMilli(now);
    boolean logs = h.source().equals("logs");
    String what = (logs ? "log group " : "CloudTrail of account ") + h.key();
    return new Alert(
        Alert.SCHEMA_VERSION,
        Fingerprints.stateChangeId(fingerprint, since, status.label()),
        fingerprint,
        status,
        new Alert.AlertRule(
            RULE_ID, "Source went silent", "heartbeat", Severity.of(h.severity()), List.of()),
        "No events from " + what + " for " + Durations.format(h.absentFor()),
        status == AlertStatus.FIRING
            ? "Nothing has arrived from "
                + what
                + " since "
                + since
                + ": the source, its subscription or tocsin's ingestion may be broken."
            : what + " is sending again (silent from " + since + " to " + at + ").",
        since,
        at,
        status == AlertStatus.RESOLVED ? at : null,
        0,
        null,
        new Alert.Resource(
            logs ? null : h.key(), null, logs ? h.key() : null, null, null, null, null),
        List.of(),
        List.of(),
        Map.of("source", h.source(), "heartbeat", h.name()),
        null);
  }
}
