package io.tocsin.ingest.kinesis;

import java.time.Instant;
import java.util.List;

/**
 * How the Kinesis source is doing, for {@code /health/ready} and {@code /health/live}.
 *
 * @param ready the KCL worker runs and no shard is stalled
 * @param downSince since when no KCL worker has been running, or {@code null} while one runs
 * @param stalls the shards of this worker that cannot publish to Kafka
 * @param detail one line for operators
 */
public record IngestHealth(
    boolean ready, Instant downSince, List<ShardStall> stalls, String detail) {

  /** An immutable copy of the stalls. */
  public IngestHealth {
    stalls = List.copyOf(stalls);
  }
}
