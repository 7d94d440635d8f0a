package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.GroupKey;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleEvent;
import io.tocsin.rules.RuleSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Turns one event into the matches of every match rule of its source. */
final class Matches {

  private Matches() {}

  /**
   * The matches of {@code event} against the match rules of {@code source}; the resource is worked
   * out only when a rule matched.
   */
  static List<Match> of(
      RuleSet rules, Rule.Source source, RuleEvent event, Supplier<Alert.Resource> resourceOf) {
    List<CompiledRule> matched = rules.matching(source, event);
    if (matched.isEmpty()) {
      return List.of();
    }
    List<Match> matches = new ArrayList<>(matched.size());
    Instant at = Instant.ofEpochMilli(event.timestamp());
    String sample = Match.sampleOf(event.sample());
    Alert.Resource resource = resourceOf.get();
    for (CompiledRule rule : matched) {
      if (rule.rule().kind() != Rule.Kind.MATCH) {
        continue;
      }
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
    return matches;
  }
}
