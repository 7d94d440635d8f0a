package io.tocsin.detect;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The decoded values of a store's most recently used keys, held by the processor in front of the
 * store: a read of a recent key skips the store and its decode, and every write goes through to the
 * store at once (so into Streams' record cache, the changelog and the transaction of the records
 * that caused it, exactly as without this). Values must be immutable. A processor makes a new one
 * in every {@code init}, so a task revived after a crash reads what the restored store holds.
 *
 * @param <V> the stored value
 */
final class DecodedValues<V> {

  /** Keys kept per processor instance (one per task). */
  static final int CAPACITY = 4_096;

  private final KeyValueStore<String, V> store;
  private final Map<String, V> recent =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
          return size() > CAPACITY;
        }
      };

  DecodedValues(KeyValueStore<String, V> store) {
    this.store = store;
  }

  /** The value of {@code key}, or {@code null}. */
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

  /** Writes {@code value} for {@code key} to the store, and keeps it decoded. */
  void put(String key, V value) {
    store.put(key, value);
    recent.put(key, value);
  }

  /** The stored entries whose key starts with {@code prefix}, in key order; close after use. */
  KeyValueIterator<String, V> prefixScan(String prefix) {
    return store.prefixScan(prefix, new StringSerializer());
  }

  /** Every stored entry, in key order; close after use. */
  KeyValueIterator<String, V> all() {
    return store.all();
  }

  /** Deletes {@code key} from the store. */
  void delete(String key) {
    store.delete(key);
    recent.remove(key);
  }
}
