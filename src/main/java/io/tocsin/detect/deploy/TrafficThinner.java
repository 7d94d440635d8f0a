package io.tocsin.detect.deploy;

import io.tocsin.model.LogEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns log lines into {@link TrafficBucket}s, one per log group and bucket, forwarded when a
 * group's lines move on to the next bucket and every second of wall-clock time, so the watch
 * downstream sees each group's traffic within about a second from a few records instead of every
 * line. A crash loses at most the second not yet forwarded (the lines' offsets may commit first).
 */
final class TrafficThinner implements Processor<String, LogEvent, String, TrafficBucket> {

  private final Map<String, LambdaLines> open = new HashMap<>();
  private ProcessorContext<String, TrafficBucket> context;

  @Override
  public void init(ProcessorContext<String, TrafficBucket> context) {
    this.context = context;
    context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> flushAll());
  }

  @Override
  public void process(Record<String, LogEvent> record) {
    LogEvent event = record.value();
    if (event == null || event.message() == null || event.logGroup() == null) {
      return;
    }
    long start = TrafficBucket.startOf(event.timestamp());
    LambdaLines lines = open.get(event.logGroup());
    if (lines != null && lines.start() != start) {
      flush(lines);
      lines = null;
    }
    if (lines == null) {
      lines = new LambdaLines(event.logGroup(), start);
      open.put(event.logGroup(), lines);
    }
    lines.add(event.message(), event.timestamp());
  }

  private void flushAll() {
    open.values().forEach(this::flush);
    open.clear();
  }

  private void flush(LambdaLines lines) {
    if (lines.counted()) {
      TrafficBucket bucket = lines.bucket();
      context.forward(new Record<>(bucket.logGroup(), bucket, lines.lastEventMillis()));
    }
  }
}
