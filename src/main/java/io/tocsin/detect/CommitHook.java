package io.tocsin.detect;

import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A state store that holds nothing and tells its processor when the task commits: Streams calls
 * {@code flushCache()} of every caching store in the task's {@code prepareCommit}, before its
 * producer flushes and the transaction commits the input offsets, so what the processor forwards
 * then belongs to the same transaction as the records it was built from. It implements Streams'
 * internal {@link CachedStateStore} for that, as {@link DeferredWriteStore} does; if a Streams
 * upgrade stopped calling it, every match detector test would see no alert at all.
 */
final class CommitHook implements StateStore, CachedStateStore<Object, Object> {

  private static final Runnable NOTHING = () -> {};

  private final String name;
  private Runnable beforeCommit = NOTHING;
  private Runnable discard = NOTHING;
  private boolean open;

  private CommitHook(String name) {
    this.name = name;
  }

  /** Builds the hook store {@code name}: in memory, no changelog (it holds no state). */
  static StoreBuilder<CommitHook> builder(String name) {
    return new Builder(name);
  }

  /**
   * Runs {@code beforeCommit} at each commit of the task, and {@code discard} when Streams drops
   * uncommitted work (the task closes without a commit, or its caches are cleared).
   */
  void onCommit(Runnable beforeCommit, Runnable discard) {
    this.beforeCommit = beforeCommit;
    this.discard = discard;
  }

  @Override
  public void flushCache() {
    beforeCommit.run();
  }

  @Override
  public void clearCache() {
    discard.run();
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean oldValues) {
    return false;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    context.register(root, (key, value) -> {});
    open = true;
  }

  @Override
  public void flush() {
    // holds nothing: the work is done in flushCache(), which Streams calls first
  }

  @Override
  public void close() {
    discard.run(); // a clean close committed first; a dirty one must forward nothing
    beforeCommit = NOTHING;
    discard = NOTHING;
    open = false;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
    return QueryResult.forUnknownQueryType(query, this);
  }

  @Override
  public Position getPosition() {
    return Position.emptyPosition();
  }

  /** Builds a {@link CommitHook}; caching and logging settings do not apply to it. */
  private record Builder(String name) implements StoreBuilder<CommitHook> {

    @Override
    public StoreBuilder<CommitHook> withCachingEnabled() {
      return this;
    }

    @Override
    public StoreBuilder<CommitHook> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<CommitHook> withLoggingEnabled(Map<String, String> config) {
      return this;
    }

    @Override
    public StoreBuilder<CommitHook> withLoggingDisabled() {
      return this;
    }

    @Override
    public CommitHook build() {
      return new CommitHook(name);
    }

    @Override
    public Map<String, String> logConfig() {
      return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
      return false;
    }
  }
}
