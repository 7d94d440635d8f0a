package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.GroupKey;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Turns the rate and threshold hits of one event's scan into what the event contributes to each
 * rule: one observation per rule it counts for, numerator and denominator together.
 */
final class Observations {

  private Observations() {}

  /**
   * What {@code event} contributes through the {@link Probe.Role#NUMERATOR} and {@link
   * Probe.Role#DENOMINATOR} probes among {@code hits}; the resource is worked out only when it
   * counts for a rule.
   */
  static List<Observation> of(
      RuleEvent event, List<Probe> hits, Supplier<Alert.Resource> resourceOf) {
    List<Observation> observations = null;
    Alert.Resource resource = null;
    for (int i = 0; i < hits.size(); i++) {
      Probe probe = hits.get(i);
      if (probe.role() == Probe.Role.MATCH) {
        continue;
      }
      CompiledRule rule = probe.rule();
      if (probe.role() == Probe.Role.NUMERATOR && !rule.admits(event)) {
        continue;
      }
      boolean numerator = probe.role() == Probe.Role.NUMERATOR;
      boolean denominator = !numerator;
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
      if (observations == null) {
        observations = new ArrayList<>(hits.size());
      }
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
    return observations == null ? List.of() : observations;
  }
}
