package io.tocsin.detect;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What every match changes in an open incident: its count and when it last matched, in event time
 * and on the wall clock. Kept in a store of its own next to the {@link Incident}, so a match that
 * changes nothing else (samples and event IDs full) writes these few bytes, not the whole incident
 * with its samples and context.
 *
 * @param count matches folded in so far
 * @param lastMatchAtMillis latest event time of a match
 * @param lastSeenMillis wall-clock time the latest match was processed
 */
record IncidentCounts(long count, long lastMatchAtMillis, long lastSeenMillis) {

  private static final byte VERSION = 1;

  /** The store's value format: a version byte, then the three numbers as 8-byte integers. */
  static Serde<IncidentCounts> serde() {
    return Serdes.serdeFrom(
        (topic, counts) -> counts == null ? null : counts.toBytes(),
        (topic, bytes) -> bytes == null ? null : fromBytes(bytes));
  }

  byte[] toBytes() {
    return ByteBuffer.allocate(1 + 3 * Long.BYTES)
        .put(VERSION)
        .putLong(count)
        .putLong(lastMatchAtMillis)
        .putLong(lastSeenMillis)
        .array();
  }

  static IncidentCounts fromBytes(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte version = in.get();
      if (version != VERSION) {
        throw new IllegalStateException("unknown incident counts format " + version);
      }
      return new IncidentCounts(in.getLong(), in.getLong(), in.getLong());
    } catch (BufferUnderflowException e) {
      throw new IllegalStateException("an incident's stored counts are truncated", e);
    }
  }
}
