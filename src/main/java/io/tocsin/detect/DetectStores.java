package io.tocsin.detect;

import io.tocsin.topics.JsonSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The detectors' state stores: persistent, changelogged, keyed by string, JSON (or, for the
 * hottest, binary) values, and cached, so a key updated by many events between two commits reaches
 * RocksDB and its changelog once per commit instead of once per event. Processors forward alerts
 * themselves, so the cache never delays an alert.
 */
final class DetectStores {

  private DetectStores() {}

  /** The store {@code name} holding {@code type} values as JSON. */
  static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(String name, Class<V> type) {
    return keyValue(name, JsonSerde.of(type));
  }

  /** The store {@code name} holding values written by {@code values}. */
  static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(String name, Serde<V> values) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withCachingEnabled();
  }
}
