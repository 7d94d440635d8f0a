package io.tocsin.detect;

import io.tocsin.model.MinuteFigure;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.Rule;
import io.tocsin.topics.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Records a sliding rule's series for the console's chart: per group, at the first evaluation in
 * each minute (an event or a due window step; a quiet group records nothing), the trailing-period
 * figures its alarm compared, into a RocksDB window store of one-minute windows kept for an hour.
 * At most one write per group and minute, never one per event; the store is changelogged (one
 * record per group and minute, deleted with the window) so that the hour survives a restart or a
 * task moving to another instance, where the group's alarm state goes too. Queried through the API
 * ({@code GET /api/alerts/{fingerprint}/series}) on the instance that runs the group's task.
 */
final class MinuteFigures {

  /** The width of one figure's window. */
  static final Duration MINUTE = Duration.ofMinutes(1);

  /** How long figures are kept: the hour the chart shows, and the minute being written. */
  static final Duration RETENTION = Duration.ofHours(1).plus(MINUTE);

  /** Suffix of the store names: {@code <detector>-figures}, beside {@code <detector>-groups}. */
  static final String SUFFIX = "-figures";

  private static final long MINUTE_MS = MINUTE.toMillis();

  private final WindowStore<String, MinuteFigure> store;

  MinuteFigures(WindowStore<String, MinuteFigure> store) {
    this.store = store;
  }

  /** The changelogged window store {@code name}, uncached: it is written once a minute a group. */
  static StoreBuilder<WindowStore<String, MinuteFigure>> store(String name) {
    return Stores.windowStoreBuilder(
            Stores.persistentWindowStore(name, RETENTION, MINUTE, false),
            Serdes.String(),
            JsonSerde.of(MinuteFigure.class))
        .withLoggingEnabled(Map.of());
  }

  /**
   * Records {@code window}, what group {@code fingerprint} of {@code rule} compared at {@code
   * clock}, when that is its first evaluation in the minute: {@code before} is the group's clock at
   * its previous evaluation ({@link Long#MIN_VALUE} for a new group). An empty window (the group
   * heard nothing for a whole period) is not recorded.
   */
  void record(
      String fingerprint, CompiledRule rule, long before, long clock, Series.Aggregate window) {
    long minute = Math.floorDiv(clock, MINUTE_MS);
    boolean sameMinute = before != Long.MIN_VALUE && Math.floorDiv(before, MINUTE_MS) == minute;
    if (sameMinute || window.count() == 0 && window.numerator() == 0) {
      return;
    }
    boolean rate = rule.rule().kind() == Rule.Kind.RATE;
    long start = minute * MINUTE_MS;
    MinuteFigure figure =
        new MinuteFigure(
            Instant.ofEpochMilli(start),
            window.figure(rule),
            rate ? (double) window.numerator() : null,
            rate ? (double) window.count() : null);
    store.put(fingerprint, figure, start);
  }
}
