package io.tocsin.detect;

import io.tocsin.topics.JsonSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The detectors' state stores: changelogged, keyed by string, JSON (or, for the hottest, binary)
 * values, with Streams' record cache on — the documented way to defer writes to the commit: a key
 * updated by many events between two commits reaches the store below and its changelog once per
 * commit, in the transaction that commits the offsets of those events. Processors forward alerts
 * themselves, so the cache never delays one.
 */
final class DetectStores {

  private DetectStores() {}

  /** The persistent store {@code name} holding {@code type} values as JSON. */
  static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(String name, Class<V> type) {
    return keyValue(name, JsonSerde.of(type));
  }

  /** The persistent store {@code name} holding values written by {@code values}. */
  static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(String name, Serde<V> values) {
    return cached(Stores.persistentKeyValueStore(name), values);
  }

  /**
   * The in-memory store {@code name} holding values written by {@code values}, for short-lived
   * entries (deleted within a commit interval or two): still changelogged, so a restarted task
   * restores what the last commit left in it, without RocksDB tombstones to skip on every scan.
   */
  static <V> StoreBuilder<KeyValueStore<String, V>> inMemory(String name, Serde<V> values) {
    return cached(Stores.inMemoryKeyValueStore(name), values);
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> cached(
      KeyValueBytesStoreSupplier supplier, Serde<V> values) {
    return Stores.keyValueStoreBuilder(supplier, Serdes.String(), values)
        .withCachingEnabled()
        .withLoggingEnabled(Map.of());
  }
}
