package io.tocsin.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds the matches of one incident that a task sees within a commit interval into one {@link
 * Match} (count, first samples and event IDs, earliest and latest event time) before it crosses the
 * incident repartition keyed by fingerprint, so a busy incident costs the repartition one record
 * per interval instead of one per event.
 *
 * <p>The folds live in a changelogged store with Streams' record cache on: only the last fold of an
 * incident per commit reaches the changelog, in the transaction that commits the offsets of the
 * matches it folds. A wall-clock punctuation every commit interval forwards every fold and deletes
 * it, in whatever transaction is open then: forward and delete commit together. Nothing rests on
 * when a punctuation runs relative to a commit: after a crash the restored store holds exactly the
 * folds whose matches were committed but not yet forwarded, and they are forwarded once.
 *
 * <p>A forwarded fold carries the earliest event time of its matches as record time, so the
 * incident task's stream time never runs ahead of a match still folded here: the fold never makes
 * an incident look quiet.
 */
final class MatchFolder implements Processor<String, Match, String, Match> {

  /** The commit interval Streams uses under exactly_once_v2 when none is configured. */
  static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

  private final String storeName;
  private ProcessorContext<String, Match> context;
  private KeyValueStore<String, Match> folds;

  /** Folds into the store {@code storeName} (key: fingerprint). */
  MatchFolder(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, Match> context) {
    this.context = context;
    this.folds = context.getStateStore(storeName);
    context.schedule(interval(context), PunctuationType.WALL_CLOCK_TIME, this::forwardFolds);
  }

  @Override
  public void process(Record<String, Match> record) {
    Match match = record.value();
    Match folded = folds.get(match.fingerprint());
    folds.put(match.fingerprint(), folded == null ? match : folded.plus(match));
  }

  private void forwardFolds(long wallClockMillis) {
    List<KeyValue<String, Match>> ready = new ArrayList<>();
    try (KeyValueIterator<String, Match> all = folds.all()) {
      all.forEachRemaining(ready::add);
    }
    for (KeyValue<String, Match> fold : ready) {
      context.forward(new Record<>(fold.key, fold.value, fold.value.eventTime().toEpochMilli()));
      folds.delete(fold.key);
    }
  }

  /** The task's commit interval: folds wait at most one before they are forwarded. */
  private static Duration interval(ProcessorContext<?, ?> context) {
    Object configured = context.appConfigs().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    return configured == null
        ? DEFAULT_INTERVAL
        : Duration.ofMillis(Long.parseLong(configured.toString()));
  }
}
