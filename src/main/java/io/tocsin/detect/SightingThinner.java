package io.tocsin.detect;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Forwards at most one sighting per heartbeat and second of wall-clock time, so a busy log group
 * does not flood the single-partition heartbeat topic. Only an optimisation: losing this in-memory
 * map on restart just lets one extra sighting through.
 */
final class SightingThinner implements Processor<String, Long, String, Long> {

  private static final long INTERVAL_MILLIS = 1000;

  private final Map<String, Long> lastForwarded = new HashMap<>();
  private ProcessorContext<String, Long> context;

  @Override
  public void init(ProcessorContext<String, Long> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Long> sighting) {
    long now = context.currentSystemTimeMs();
    Long last = lastForwarded.get(sighting.key());
    if (last == null || now - last >= INTERVAL_MILLIS) {
      lastForwarded.put(sighting.key(), now);
      context.forward(sighting);
    }
  }
}
