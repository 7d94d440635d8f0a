package io.tocsin.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A detector's store as objects between two commits: a value read or written stays deserialized
 * here, and a changed one is serialized and written to the store below (RocksDB and its changelog)
 * once, when Streams flushes its caches before committing the transaction — not once per event. The
 * most recently used {@link #CAPACITY} keys are kept; evicting a changed one writes it at once.
 *
 * <p>It is the store Streams registers, and it implements Streams' {@link CachedStateStore}, whose
 * {@code flushCache()} the task calls in {@code prepareCommit}, before the producer's flush and the
 * offsets: so a commit covers exactly the state changes of the events it covers, as with Streams'
 * own record cache. A dirty close (crash, lost task) discards what was not flushed, as Streams
 * does, and the state is rebuilt from the changelog. Range reads flush first, so they see every
 * change. A changelog record written at the flush carries the timestamp of the task's latest
 * record, not of the one that changed the value (key-value changelogs are compacted, never expired
 * by time). Values must be immutable; only the stream thread owning the task may use it.
 *
 * @param <V> the stored value
 */
final class DeferredWriteStore<V> implements KeyValueStore<String, V>, CachedStateStore<String, V> {

  /** Keys kept per task and store. */
  static final int CAPACITY = 4_096;

  private final KeyValueStore<String, V> below;
  private final Map<String, Entry<V>> recent =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
          if (size() <= CAPACITY) {
            return false;
          }
          if (eldest.getValue().dirty) {
            write(eldest.getKey(), eldest.getValue().value);
            dirty--;
          }
          return true;
        }
      };
  private int dirty;

  /** A key's value (null: deleted) and whether the store below has it yet. */
  private static final class Entry<V> {
    private V value;
    private boolean dirty;

    Entry(V value, boolean dirty) {
      this.value = value;
      this.dirty = dirty;
    }
  }

  DeferredWriteStore(KeyValueStore<String, V> below) {
    this.below = below;
  }

  /** How many changed keys wait for the next flush. */
  int pendingWrites() {
    return dirty;
  }

  @Override
  public V get(String key) {
    Entry<V> entry = recent.get(key);
    if (entry != null) {
      return entry.value;
    }
    V value = below.get(key);
    if (value != null) {
      recent.put(key, new Entry<>(value, false));
    }
    return value;
  }

  @Override
  public void put(String key, V value) {
    Entry<V> entry = recent.get(key);
    if (entry == null) {
      recent.put(key, new Entry<>(value, true));
      dirty++;
      return;
    }
    entry.value = value;
    if (!entry.dirty) {
      entry.dirty = true;
      dirty++;
    }
  }

  @Override
  public V putIfAbsent(String key, V value) {
    V known = get(key);
    if (known == null) {
      put(key, value);
    }
    return known;
  }

  @Override
  public void putAll(List<KeyValue<String, V>> entries) {
    entries.forEach(entry -> put(entry.key, entry.value));
  }

  @Override
  public V delete(String key) {
    V known = get(key);
    put(key, null);
    return known;
  }

  @Override
  public void flushCache() {
    if (dirty > 0) {
      for (Map.Entry<String, Entry<V>> e : recent.entrySet()) {
        Entry<V> entry = e.getValue();
        if (entry.dirty) {
          write(e.getKey(), entry.value);
          entry.dirty = false;
        }
      }
      dirty = 0;
    }
    recent.values().removeIf(entry -> entry.value == null);
    if (below instanceof CachedStateStore<?, ?> cached) {
      cached.flushCache();
    }
  }

  private void write(String key, V value) {
    if (value == null) {
      below.delete(key);
    } else {
      below.put(key, value);
    }
  }

  @Override
  public void flush() {
    flushCache();
    below.flush();
  }

  @Override
  public void clearCache() {
    recent.clear();
    dirty = 0;
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public KeyValueIterator<String, V> range(String from, String to) {
    flushCache();
    return below.range(from, to);
  }

  @Override
  public KeyValueIterator<String, V> reverseRange(String from, String to) {
    flushCache();
    return below.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<String, V> all() {
    flushCache();
    return below.all();
  }

  @Override
  public KeyValueIterator<String, V> reverseAll() {
    flushCache();
    return below.reverseAll();
  }

  @Override
  public <S extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(
      P prefix, S prefixKeySerializer) {
    flushCache();
    return below.prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return below.approximateNumEntries();
  }

  @Override
  public String name() {
    return below.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    clearCache(); // a revived task initializes the same store again, from the changelog
    below.init(context, root);
  }

  @Override
  public void close() {
    clearCache(); // a clean close flushed first; a dirty one must not write
    below.close();
  }

  @Override
  public boolean persistent() {
    return below.persistent();
  }

  @Override
  public boolean isOpen() {
    return below.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
    return below.query(query, bound, config);
  }

  @Override
  public Position getPosition() {
    return below.getPosition();
  }
}
