package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.GroupKey;
import io.tocsin.rules.RuleEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Turns the match-rule hits of one event's scan into its matches. */
final class Matches {

  private Matches() {}

  /**
   * The matches of {@code event} for the {@link Probe.Role#MATCH} probes among {@code hits}; the
   * resource is worked out only when a rule matched.
   */
  static List<Match> of(RuleEvent event, List<Probe> hits, Supplier<Alert.Resource> resourceOf) {
    List<Match> matches = null;
    Instant at = null;
    String sample = null;
    Alert.Resource resource = null;
    for (Probe hit : hits) {
      if (hit.role() != Probe.Role.MATCH) {
        continue;
      }
      if (matches == null) {
        matches = new ArrayList<>(hits.size());
        at = Instant.ofEpochMilli(event.timestamp());
        sample = Match.sampleOf(event.sample());
        resource = resourceOf.get();
      }
      CompiledRule rule = hit.rule();
      Map<String, String> group = rule.groupKey().of(event);
      matches.add(
          new Match(
              Fingerprints.of(rule.id(), GroupKey.render(group)),
              rule.id(),
              group,
              at,
              sample,
              resource,
              null));
    }
    return matches == null ? List.of() : matches;
  }
}
