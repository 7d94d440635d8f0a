package io.tocsin.detect.deploy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The buckets of every log group for the last baseline + window (+ a margin), in a changelogged
 * store keyed {@code <log group> NUL <zero-padded bucket start>}, so a group's buckets in a time
 * range are one range scan.
 */
final class TrafficHistory {

  private static final char SEPARATOR = '\u0000';

  private final KeyValueStore<String, TrafficBucket> store;

  TrafficHistory(KeyValueStore<String, TrafficBucket> store) {
    this.store = store;
  }

  /** Adds {@code bucket} to what is known of its group and start. */
  void add(TrafficBucket bucket) {
    String key = key(bucket.logGroup(), bucket.start());
    TrafficBucket known = store.get(key);
    store.put(key, known == null ? bucket : known.plus(bucket));
  }

  /** The traffic of {@code groups} in buckets starting in {@code [from, to)}. */
  TrafficWindow window(List<String> groups, Instant from, Instant to) {
    TrafficWindow window = new TrafficWindow(from, to);
    if (!from.isBefore(to)) {
      return window;
    }
    for (String group : groups) {
      try (KeyValueIterator<String, TrafficBucket> buckets =
          store.range(key(group, from.toEpochMilli()), key(group, to.toEpochMilli() - 1))) {
        buckets.forEachRemaining(kv -> window.add(kv.value));
      }
    }
    return window;
  }

  /** Deletes every bucket that started before {@code cutoff}. */
  void expire(Instant cutoff) {
    long before = cutoff.toEpochMilli();
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, TrafficBucket> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, TrafficBucket> kv = all.next();
        if (kv.value.start() < before) {
          old.add(kv.key);
        }
      }
    }
    old.forEach(store::delete);
  }

  private static String key(String group, long start) {
    return group + SEPARATOR + String.format("%015d", Math.max(0, start));
  }
}
