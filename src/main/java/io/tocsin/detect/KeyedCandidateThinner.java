package io.tocsin.detect;

import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.KeyedCondition;
import io.tocsin.rules.RuleSet;
import java.time.Duration;

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
 * The memory of what was sent is {@link CandidateThinner}'s; losing it on restart only sends
 * repeats again: they are harmless to distinct counts and sequences.
 */
final class KeyedCandidateThinner extends CandidateThinner {

  /** The span a repeat is dropped for, as a fraction of the rule's window or {@code within}. */
  static final int SPAN_FRACTION = 10;

  /** The span a sequence's completing event is dropped for after one of the same incident. */
  static final Duration COMPLETION_SPAN = Duration.ofSeconds(1);

  KeyedCandidateThinner(RuleSet rules) {
    super(rules);
  }

  @Override
  Repeat repeatOf(Finding finding) {
    KeyedFinding found = finding.keyed();
    CompiledRule rule = rules.get(found.ruleId());
    KeyedCondition spec = rule == null ? null : rule.conditions().keyed();
    if (spec == null) {
      return null;
    }
    long at = found.time().toEpochMilli();
    long fraction = spec.horizon().toMillis() / SPAN_FRACTION;
    if (spec.distinct() != null) {
      return new Repeat(found.ruleId() + '\n' + found.key() + '\n' + found.value(), at, fraction);
    }
    if (found.step()) {
      return new Repeat(found.ruleId() + '\n' + found.key(), at, fraction);
    }
    return new Repeat(
        found.ruleId() + "\n\n" + finding.match().fingerprint(), at, COMPLETION_SPAN.toMillis());
  }
}
