package io.tocsin.rules;

import io.tocsin.model.CloudTrailEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which {@code source: cloudtrail, kind: match} rules alert on a CloudTrail event: the
 * patterns (all rules in one pass), then each matching rule's conditions and allow-lists, then
 * {@code supersedes} (one event, one alert). The one code path shared by the detector, {@code
 * tocsin replay --matches} and the evaluation on labelled data, so their figures agree. Stateless
 * and thread-safe; repeats are folded later, by incident tracking.
 */
public final class CloudTrailRuleMatcher {

  /** A rule that matched, with its verdict. */
  public record RuleMatch(CompiledRule rule, Verdict verdict) {}

  /**
   * What the rules decided about one event.
   *
   * @param event the event as rules see it
   * @param alerts rules that alert on it, in load order
   * @param firstSeen {@code first_seen} rules it is a candidate for (their detector decides)
   * @param keyed {@code after} and {@code distinct} rules it is a candidate for (the keyed detector
   *     decides)
   * @param steps {@code after} rules whose first step the event is: each with the verdict of the
   *     rule that matched first (kept even when superseded: the sequence still began)
   * @param allowlisted rules that matched but an allow-list suppressed
   */
  public record Result(
      RuleEvent event,
      List<RuleMatch> alerts,
      List<RuleMatch> firstSeen,
      List<RuleMatch> keyed,
      List<RuleMatch> steps,
      List<RuleMatch> allowlisted) {

    /** The ids of the rules that alert on the event (what {@code replay --matches} prints). */
    public List<String> ruleIds() {
      return alerts.stream().map(m -> m.rule().id()).toList();
    }
  }

  private final RuleSet rules;
  private final Map<String, List<CompiledRule>> sequencesAfter = new HashMap<>();

  /** A matcher over the cloudtrail match rules of {@code rules}. */
  public CloudTrailRuleMatcher(RuleSet rules) {
    this.rules = rules;
    for (CompiledRule rule : rules.all()) {
      KeyedCondition keyed = rule.conditions().keyed();
      if (keyed != null && keyed.after() != null) {
        sequencesAfter.computeIfAbsent(keyed.after().rule(), id -> new ArrayList<>()).add(rule);
      }
    }
  }

  /** The rules' decision on {@code event}. */
  public Result match(CloudTrailEvent event) {
    return match(RuleEvent.of(event, rules.networks()));
  }

  /** The rules' decision on {@code event} (a CloudTrail event's view). */
  public Result match(RuleEvent event) {
    List<RuleMatch> alerts = new ArrayList<>();
    List<RuleMatch> firstSeen = new ArrayList<>();
    List<RuleMatch> keyed = new ArrayList<>();
    List<RuleMatch> steps = new ArrayList<>();
    List<RuleMatch> allowlisted = new ArrayList<>();
    Set<String> superseded = new HashSet<>();
    for (CompiledRule rule : rules.matching(Rule.Source.CLOUDTRAIL, event)) {
      if (rule.rule().kind() != Rule.Kind.MATCH) {
        continue;
      }
      Verdict verdict = rule.evaluate(event);
      if (!verdict.matched()) {
        continue;
      }
      superseded.addAll(rule.rule().supersedes());
      RuleMatch match = new RuleMatch(rule, verdict);
      if (verdict.allowlisted()) {
        allowlisted.add(match);
        continue;
      }
      if (rule.conditions().firstSeen() != null) {
        firstSeen.add(match);
      } else if (rule.conditions().keyed() != null) {
        keyed.add(match);
      } else {
        alerts.add(match);
      }
      for (CompiledRule sequence : sequencesAfter.getOrDefault(rule.id(), List.of())) {
        steps.add(new RuleMatch(sequence, verdict));
      }
    }
    if (!superseded.isEmpty()) {
      alerts.removeIf(m -> superseded.contains(m.rule().id()));
    }
    return new Result(
        event,
        List.copyOf(alerts),
        List.copyOf(firstSeen),
        List.copyOf(keyed),
        List.copyOf(steps),
        List.copyOf(allowlisted));
  }
}
