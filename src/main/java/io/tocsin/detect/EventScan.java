package io.tocsin.detect;

import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleEvent;
import io.tocsin.rules.RuleSet;
import io.tocsin.rules.ScopedPatternSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every pattern of the chosen kinds of rules of one source, evaluated together and only for the
 * rules in scope for the event's log group, so an event is scanned once however many rules — match
 * rules and rate rules alike — read it. Hits keep load order, a rule's numerator right before its
 * denominator. Thread-safe.
 */
final class EventScan {

  private final ScopedPatternSets<Probe> probes;

  private EventScan(List<Probe> probes) {
    this.probes = new ScopedPatternSets<>(probes, Probe::rule, Probe::pattern);
  }

  /** The scan of the rules of {@code source} whose kind is one of {@code kinds}; null if none. */
  static EventScan of(RuleSet rules, Rule.Source source, Set<Rule.Kind> kinds) {
    List<Probe> probes = new ArrayList<>();
    for (CompiledRule rule : rules.all()) {
      if (rule.rule().source() != source || !kinds.contains(rule.rule().kind())) {
        continue;
      }
      if (rule.rule().kind() == Rule.Kind.MATCH) {
        probes.add(new Probe(rule, Probe.Role.MATCH, rule.pattern()));
        continue;
      }
      probes.add(new Probe(rule, Probe.Role.NUMERATOR, rule.pattern()));
      if (rule.denominator() != null) {
        probes.add(new Probe(rule, Probe.Role.DENOMINATOR, rule.denominator()));
      }
    }
    return probes.isEmpty() ? null : new EventScan(probes);
  }

  /** The probes whose pattern matches {@code event}. */
  List<Probe> hits(RuleEvent event) {
    return probes.forLogGroup(event.field("log_group")).matching(event.input());
  }
}
