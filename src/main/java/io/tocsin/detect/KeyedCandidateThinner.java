package io.tocsin.detect;

import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.KeyedCondition;
import io.tocsin.rules.RuleSet;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Drops, in the task that read the event and before the keyed repartition, the candidates that
 * would only repeat what the keyed detector already holds (event time, either direction):
 *
 * <ul>
 *   <li>a {@code distinct} value the same actor sent for the same rule within the last {@code 1/}
 *       {@value #SPAN_FRACTION} of the window: the value is remembered from the one sent, so it
 *       leaves the window at most that span early — a count may under-count by the values seen only
 *       in the window's last tenth;
 *   <li>a sequence's first step by the same actor within {@code 1/}{@value #SPAN_FRACTION} of
 *       {@code within}: the sequence is timed from the step sent, so a completion in the last tenth
 *       of {@code within} after a dropped step may be missed;
 *   <li>a sequence's completing event within {@link #COMPLETION_SPAN} of one of the same incident
 *       (rule and group key): it would fold into that incident; the incident counts only the
 *       completion sent, and a first step that falls between the two pairs only with later ones.
 * </ul>
 *
 * The map is in memory, bounded ({@value #MAX_ENTRIES} entries, least recently used first out) and
 * lost on restart, which only sends repeats again: they are harmless to distinct counts and
 * sequences.
 */
final class KeyedCandidateThinner implements FixedKeyProcessor<String, Finding, Finding> {

  /** The span a repeat is dropped for, as a fraction of the rule's window or {@code within}. */
  static final int SPAN_FRACTION = 10;

  /** The span a sequence's completing event is dropped for after one of the same incident. */
  static final Duration COMPLETION_SPAN = Duration.ofSeconds(1);

  /** Most (rule, actor, value) entries remembered per task. */
  static final int MAX_ENTRIES = 50_000;

  private final RuleSet rules;
  private final RecentlySent sent = new RecentlySent(MAX_ENTRIES);
  private FixedKeyProcessorContext<String, Finding> context;

  KeyedCandidateThinner(RuleSet rules) {
    this.rules = rules;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Finding> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Finding> record) {
    KeyedFinding found = record.value().keyed();
    CompiledRule rule = rules.get(found.ruleId());
    KeyedCondition spec = rule == null ? null : rule.conditions().keyed();
    if (spec == null || !isRepeat(found, spec, record.value().match())) {
      context.forward(record);
    }
  }

  /** Whether {@code found} repeats one sent within its span; remembers it as sent if not. */
  private boolean isRepeat(KeyedFinding found, KeyedCondition spec, Match match) {
    String key;
    long span;
    if (spec.distinct() != null) {
      key = found.ruleId() + '\n' + found.key() + '\n' + found.value();
      span = spec.horizon().toMillis() / SPAN_FRACTION;
    } else if (found.step()) {
      key = found.ruleId() + '\n' + found.key();
      span = spec.horizon().toMillis() / SPAN_FRACTION;
    } else {
      key = found.ruleId() + "\n\n" + match.fingerprint();
      span = COMPLETION_SPAN.toMillis();
    }
    return sent.repeats(key, found.time().toEpochMilli(), span);
  }
}
