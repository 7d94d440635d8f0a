package io.tocsin.detect;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's incidents or rate groups as objects in front of their store: every change is written
 * through to the store (and so to its changelog), while the most recently used values are also kept
 * deserialized, so the group of a busy log group is not decoded once per event. Valid because the
 * processor that owns it is its store's only writer and makes a new one whenever the task is
 * (re)initialized; values must be immutable.
 *
 * @param <V> the stored value
 */
final class StoreCache<V> {

  /** Values kept deserialized per task. */
  static final int CAPACITY = 4_096;

  private final KeyValueStore<String, V> store;
  private final Map<String, V> recent =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
          return size() > CAPACITY;
        }
      };

  StoreCache(KeyValueStore<String, V> store) {
    this.store = store;
  }

  /** The value of {@code key}, or {@code null} when the store has none. */
  V get(String key) {
    V value = recent.get(key);
    if (value == null) {
      value = store.get(key);
      if (value != null) {
        recent.put(key, value);
      }
    }
    return value;
  }

  /** Stores {@code value} under {@code key}. */
  void put(String key, V value) {
    store.put(key, value);
    recent.put(key, value);
  }

  /** Deletes {@code key}. */
  void delete(String key) {
    store.delete(key);
    recent.remove(key);
  }
}
