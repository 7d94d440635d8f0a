package io.tocsin.detect;

import io.tocsin.topics.JsonSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The detectors' state stores: persistent, changelogged, keyed by string, JSON (or, for the
 * hottest, binary) values, with a {@link DeferredWriteStore} on top, so a key updated by many
 * events between two commits is serialized and reaches RocksDB and its changelog once per commit
 * instead of once per event. Processors forward alerts themselves, so deferring never delays one.
 */
final class DetectStores {

  private DetectStores() {}

  /** The store {@code name} holding {@code type} values as JSON. */
  static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(String name, Class<V> type) {
    return keyValue(name, JsonSerde.of(type));
  }

  /** The store {@code name} holding values written by {@code values}. */
  static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(String name, Serde<V> values) {
    return new Deferred<>(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
            .withCachingDisabled());
  }

  /**
   * Builds {@code below}'s store with a {@link DeferredWriteStore} on top; Streams' own record
   * cache stays off (it would serialize every put), logging settings pass through.
   */
  private record Deferred<V>(StoreBuilder<KeyValueStore<String, V>> below)
      implements StoreBuilder<KeyValueStore<String, V>> {

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
      return new Deferred<>(below.withLoggingEnabled(config));
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
      return new Deferred<>(below.withLoggingDisabled());
    }

    @Override
    public KeyValueStore<String, V> build() {
      return new DeferredWriteStore<>(below.build());
    }

    @Override
    public Map<String, String> logConfig() {
      return below.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return below.loggingEnabled();
    }

    @Override
    public String name() {
      return below.name();
    }
  }
}
