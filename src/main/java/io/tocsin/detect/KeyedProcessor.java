package io.tocsin.detect;

import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.KeyedCondition;
import io.tocsin.rules.RuleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides {@code after} and {@code distinct} rules (input key: the actor). A sequence's first step
 * is remembered per rule and actor; a later candidate of that rule by the same actor within {@code
 * within} of it (event time) is forwarded as a match. A distinct-count remembers the values an
 * actor's candidates carried within the window and forwards a match once there are {@code
 * at_least}, then counts afresh, so a continuing burst folds into the open incident. State older
 * than a rule's horizon is dropped on use and, every minute of stream time, for quiet actors.
 */
final class KeyedProcessor implements Processor<String, Finding, String, Match> {

  /** How often quiet actors' expired state is dropped, in stream time. */
  static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

  private final RuleSet rules;
  private final String storeName;
  private ProcessorContext<String, Match> context;
  private KeyValueStore<String, KeyedState> store;

  KeyedProcessor(RuleSet rules, String storeName) {
    this.rules = rules;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, Match> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    context.schedule(PURGE_INTERVAL, PunctuationType.STREAM_TIME, this::purge);
  }

  @Override
  public void process(Record<String, Finding> record) {
    KeyedFinding found = record.value().keyed();
    KeyedCondition spec = specOf(found.ruleId());
    if (spec == null) {
      return; // a candidate produced before its rule was removed or changed
    }
    String key = found.ruleId() + "\n" + found.key();
    long t = found.time().toEpochMilli();
    KeyedState state = store.get(key);
    if (spec.after() != null) {
      if (found.step()) {
        store.put(key, (state == null ? new KeyedState(null) : state).latest(found.value(), t));
      } else if (state != null && follows(state, t, spec.horizon().toMillis())) {
        Match match = KeyedEvidence.sequence(record.value().match(), spec, found.key(), state);
        context.forward(record.withKey(match.fingerprint()).withValue(match));
      }
      return;
    }
    KeyedState counted =
        (state == null ? new KeyedState(null) : state)
            .plus(found.value(), t, spec.horizon().toMillis());
    if (counted.times().size() >= spec.distinct().atLeast()) {
      store.delete(key);
      Match match = KeyedEvidence.distinct(record.value().match(), spec, found.key(), counted);
      context.forward(record.withKey(match.fingerprint()).withValue(match));
    } else if (counted.times().isEmpty()) {
      store.delete(key);
    } else {
      store.put(key, counted);
    }
  }

  /**
   * Whether an event at {@code t} comes after the remembered first step, at most {@code within}.
   */
  private static boolean follows(KeyedState first, long t, long within) {
    long began = first.newest();
    return t >= began && t - began <= within;
  }

  private KeyedCondition specOf(String ruleId) {
    CompiledRule rule = rules.get(ruleId);
    return rule == null ? null : rule.conditions().keyed();
  }

  /** Drops the state of every rule and actor quiet for longer than the rule's horizon. */
  private void purge(long streamTime) {
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, KeyedState> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, KeyedState> entry = all.next();
        KeyedCondition spec = specOf(entry.key.substring(0, entry.key.indexOf('\n')));
        if (spec == null || entry.value.newest() < streamTime - spec.horizon().toMillis()) {
          expired.add(entry.key);
        }
      }
    }
    expired.forEach(store::delete);
  }
}
