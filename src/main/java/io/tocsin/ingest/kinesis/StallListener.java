package io.tocsin.ingest.kinesis;

import java.time.Instant;

/** Told when a shard of this worker stalls and when it makes progress again. */
public interface StallListener {

  /** {@code stall} has just passed {@code kinesis.stall_after}. */
  void stalled(ShardStall stall);

  /** The shard of {@code stall} published again (or was released by this worker) at {@code at}. */
  void recovered(ShardStall stall, Instant at);
}
