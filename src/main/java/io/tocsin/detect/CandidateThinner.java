package io.tocsin.detect;

import io.tocsin.rules.RuleSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Drops, in the task that read the event and before a stateful detector's repartition, a candidate
 * that repeats one sent shortly before (event time, either direction); a subclass says under which
 * key and span a candidate repeats. What was sent is remembered in memory, per task, bounded
 * ({@value #MAX_ENTRIES} keys, least recently used out first) and lost on restart, which only sends
 * repeats again.
 */
abstract class CandidateThinner implements FixedKeyProcessor<String, Finding, Finding> {

  /** Most keys remembered per task. */
  static final int MAX_ENTRIES = 50_000;

  /**
   * What makes a candidate a repeat: the same key within {@code spanMillis} of {@code atMillis}.
   */
  record Repeat(String key, long atMillis, long spanMillis) {}

  final RuleSet rules;
  private final Map<String, Long> sent =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_ENTRIES;
        }
      };
  private FixedKeyProcessorContext<String, Finding> context;

  CandidateThinner(RuleSet rules) {
    this.rules = rules;
  }

  /** The key, time and span under which {@code finding} repeats; {@code null}: always sent. */
  abstract Repeat repeatOf(Finding finding);

  @Override
  public void init(FixedKeyProcessorContext<String, Finding> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Finding> record) {
    Repeat repeat = repeatOf(record.value());
    if (repeat == null || !repeats(repeat)) {
      context.forward(record);
    }
  }

  /** Whether {@code r} was sent within its span; remembers it as sent if not. */
  private boolean repeats(Repeat r) {
    Long last = sent.get(r.key());
    if (last != null && Math.abs(r.atMillis() - last) < r.spanMillis()) {
      return true;
    }
    sent.put(r.key(), r.atMillis());
    return false;
  }
}
