package io.tocsin.ingest.kinesis;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link StallListener} that notes what it is told, as "stalled shard" / "recovered shard". */
public final class RecordingStallListener implements StallListener {

  private final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void stalled(ShardStall stall) {
    events.add("stalled " + stall.shard());
  }

  @Override
  public void recovered(ShardStall stall, Instant at) {
    events.add("recovered " + stall.shard());
  }

  /** What was reported so far, in order. */
  public List<String> events() {
    return List.copyOf(events);
  }
}
