package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.pattern.FilterPattern;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.GroupKey;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleEvent;
import io.tocsin.rules.RuleSet;
import io.tocsin.rules.ScopedPatternSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Turns one event into what it contributes to every rate and threshold rule of its source. All
 * numerator, denominator and value patterns of the rules in scope for the event's log group are
 * evaluated together, so each message is scanned once however many rules there are.
 */
final class Observations {

  /** One pattern of one rule: its numerator (or value) pattern, or its denominator. */
  private record Probe(CompiledRule rule, boolean denominator, FilterPattern pattern) {}

  private final ScopedPatternSets<Probe> probes;

  private Observations(List<Probe> probes) {
    this.probes = new ScopedPatternSets<>(probes, Probe::rule, Probe::pattern);
  }

  /** The observer of the rate and threshold rules of {@code source}; {@code null} if none. */
  static Observations of(RuleSet rules, Rule.Source source) {
    List<Probe> probes = new ArrayList<>();
    for (CompiledRule rule : rules.all()) {
      if (rule.rule().source() != source || rule.rule().kind() == Rule.Kind.MATCH) {
        continue;
      }
      probes.add(new Probe(rule, false, rule.pattern()));
      if (rule.denominator() != null) {
        probes.add(new Probe(rule, true, rule.denominator()));
      }
    }
    return probes.isEmpty() ? null : new Observations(probes);
  }

  /**
   * What {@code event} contributes, one observation per rule it counts for; the resource is worked
   * out only when it counts for one.
   */
  List<Observation> of(RuleEvent event, Supplier<Alert.Resource> resourceOf) {
    List<Probe> hits = probes.forLogGroup(event.field("log_group")).matching(event.input());
    if (hits.isEmpty()) {
      return List.of();
    }
    List<Observation> observations = new ArrayList<>(hits.size());
    Alert.Resource resource = null;
    for (int i = 0; i < hits.size(); i++) {
      Probe probe = hits.get(i);
      CompiledRule rule = probe.rule();
      boolean numerator = !probe.denominator();
      boolean denominator = probe.denominator();
      if (numerator && i + 1 < hits.size() && hits.get(i + 1).rule() == rule) {
        denominator = true;
        i++;
      }
      Double value = null;
      if (rule.rule().kind() == Rule.Kind.THRESHOLD) {
        OptionalDouble v = rule.value().valueOf(event.input());
        if (v.isEmpty()) {
          continue;
        }
        value = v.getAsDouble();
      }
      resource = resource == null ? resourceOf.get() : resource;
      Map<String, String> group = rule.groupKey().of(event);
      observations.add(
          new Observation(
              Fingerprints.of(rule.id(), GroupKey.render(group)),
              rule.id(),
              group,
              event.timestamp(),
              numerator,
              denominator,
              value,
              numerator ? Match.sampleOf(event.sample()) : null,
              resource));
    }
    return observations;
  }
}
