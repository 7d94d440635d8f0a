package io.tocsin.ingest.kinesis;

import java.time.Instant;

/**
 * A shard that has not been able to publish a chunk to Kafka for longer than {@code
 * kinesis.stall_after}.
 *
 * @param stream the stream name
 * @param shardId the shard id
 * @param since when the shard began waiting for the chunk
 * @param lastFailure the last failure seen while waiting, or {@code null} if none was reported
 *     (e.g. Kafka has not answered at all)
 */
public record ShardStall(String stream, String shardId, Instant since, String lastFailure) {

  /** {@code stream/shardId}, the shard's name in logs, health details and alerts. */
  public String shard() {
    return stream + "/" + shardId;
  }
}
