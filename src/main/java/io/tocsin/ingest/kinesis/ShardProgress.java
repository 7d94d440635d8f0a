package io.tocsin.ingest.kinesis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each shard this worker reads is making progress: a shard is waiting from when it starts
 * publishing a chunk until Kafka acknowledged it (a retry after a failure keeps the original
 * start), and stalled once it has waited {@code stallAfter} or longer. Shared by the shards'
 * processors (which report) and the stall watch and health check (which read); thread-safe.
 */
final class ShardProgress {

  private static final long IDLE = -1;

  private final Clock clock;
  private final Duration stallAfter;
  private final Map<String, Shard> shards = new ConcurrentHashMap<>();

  ShardProgress(Clock clock, Duration stallAfter) {
    this.clock = clock;
    this.stallAfter = stallAfter;
  }

  /** This worker took the lease of {@code stream/shardId} and reads it. */
  void holding(String stream, String shardId) {
    shards.computeIfAbsent(key(stream, shardId), k -> new Shard(stream, shardId));
  }

  /** How many shards this worker reads. */
  int held() {
    return shards.size();
  }

  /** A chunk of {@code stream/shardId} is about to be published; waiting starts unless it had. */
  void waiting(String stream, String shardId) {
    Shard shard = shards.computeIfAbsent(key(stream, shardId), k -> new Shard(stream, shardId));
    if (shard.waitingSince == IDLE) {
      shard.waitingSince = clock.millis();
    }
  }

  /** The chunk in flight failed with {@code failure}; the shard goes on waiting. */
  void failed(String stream, String shardId, String failure) {
    Shard shard = shards.get(key(stream, shardId));
    if (shard != null) {
      shard.lastFailure = failure;
    }
  }

  /** Kafka acknowledged the chunk in flight: the shard no longer waits. */
  void acknowledged(String stream, String shardId) {
    Shard shard = shards.get(key(stream, shardId));
    if (shard != null) {
      shard.waitingSince = IDLE;
      shard.lastFailure = null;
    }
  }

  /** This worker no longer reads the shard (lease lost, shard ended, stopping). */
  void released(String stream, String shardId) {
    shards.remove(key(stream, shardId));
  }

  /** Whether {@code stream/shardId} is stalled now. */
  boolean stalled(String stream, String shardId) {
    Shard shard = shards.get(key(stream, shardId));
    return shard != null && shard.stalledAt(clock.millis());
  }

  /** The shards stalled now, in no particular order. */
  List<ShardStall> stalls() {
    long now = clock.millis();
    List<ShardStall> stalls = new ArrayList<>();
    for (Shard shard : shards.values()) {
      long since = shard.waitingSince;
      if (since != IDLE && now - since >= stallAfter.toMillis()) {
        stalls.add(
            new ShardStall(
                shard.stream, shard.shardId, Instant.ofEpochMilli(since), shard.lastFailure));
      }
    }
    return stalls;
  }

  private static String key(String stream, String shardId) {
    return stream + "/" + shardId;
  }

  /** One shard's waiting state, written by its processor's thread and read by any. */
  private final class Shard {
    final String stream;
    final String shardId;
    volatile long waitingSince = IDLE;
    volatile String lastFailure;

    Shard(String stream, String shardId) {
      this.stream = stream;
      this.shardId = shardId;
    }

    boolean stalledAt(long now) {
      long since = waitingSince;
      return since != IDLE && now - since >= stallAfter.toMillis();
    }
  }
}
