package io.tocsin.testing;

import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Log events of one account and stream with increasing event ids, as a Kinesis shard delivers. */
public final class LogLines {

  private final AtomicLong id = new AtomicLong();

  /** The next line of {@code group} at {@code at}. */
  public LogEvent line(String group, Instant at, String message) {
    String n = Long.toString(id.incrementAndGet());
    return new LogEvent(
        "123456789012",
        group,
        "2026/11/26/[$LATEST]abc",
        n,
        at.toEpochMilli(),
        message,
        SourcePosition.kinesis("logs", "shardId-000000000000", n));
  }
}
