package io.tocsin.detect;

import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.KeyedCondition;
import io.tocsin.rules.RuleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides {@code after} and {@code distinct} rules (input key: the actor). A sequence's first steps
 * and its completing events not yet paired are remembered per rule and actor, so a pair within
 * {@code within} (event time, the first step first) is forwarded as a match once, whichever of the
 * two is read first. A distinct-count remembers the values an actor's candidates carried within the
 * window and forwards a match once there are {@code at_least}, then counts afresh, so a continuing
 * burst folds into the open incident. State older than a rule's horizon is dropped on use and,
 * every minute of stream time, for quiet actors.
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
      sequence(record, found, spec, key, state == null ? KeyedState.empty() : state);
      return;
    }
    KeyedState counted =
        (state == null ? KeyedState.empty() : state)
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
   * A sequence's event, whichever of the pair is read first: a completing event with a first step
   * at most {@code within} before it (event time) fires at once, else waits in the state; a first
   * step fires the waiting completions it precedes by at most {@code within}. Each completing event
   * fires once.
   */
  private void sequence(
      Record<String, Finding> record,
      KeyedFinding found,
      KeyedCondition spec,
      String key,
      KeyedState state) {
    long t = found.time().toEpochMilli();
    long within = spec.horizon().toMillis();
    if (found.step()) {
      Map.Entry<String, Long> step = Map.entry(found.value(), t);
      List<Match> paired = new ArrayList<>();
      for (Match waiting : state.pending()) {
        long c = waiting.eventTime().toEpochMilli();
        if (c >= t && c - t <= within) {
          paired.add(waiting);
          Match match = KeyedEvidence.sequence(waiting, spec, found.key(), step);
          context.forward(
              new Record<>(match.fingerprint(), match, Math.max(c, record.timestamp())));
        }
      }
      store.put(key, state.without(paired).withStep(found.value(), t));
      return;
    }
    Map.Entry<String, Long> step = state.stepBefore(t, within);
    if (step == null) {
      store.put(key, state.withPending(record.value().match()));
    } else {
      Match match = KeyedEvidence.sequence(record.value().match(), spec, found.key(), step);
      context.forward(record.withKey(match.fingerprint()).withValue(match));
    }
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
