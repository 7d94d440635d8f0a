package io.tocsin.detect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.model.Alert;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.rules.CloudTrailRuleMatcher;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.FirstSeenKeys;
import io.tocsin.rules.GroupKey;
import io.tocsin.rules.KeyedCondition;
import io.tocsin.rules.RuleEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one CloudTrail event into findings: runs the {@link CloudTrailRuleMatcher}, counts every
 * allow-list suppression ({@code tocsin.rules.allowlisted{rule,allowlist}}), and builds each match
 * with its group key, resource and {@link SecurityContext}.
 */
final class SecurityFindings {

  /** The suppression counter's name. */
  static final String ALLOWLISTED = "tocsin.rules.allowlisted";

  private static final Logger LOG = LoggerFactory.getLogger(SecurityFindings.class);

  private final CloudTrailRuleMatcher matcher;
  private final MeterRegistry registry;

  /** Findings of {@code matcher}; suppressions are counted in {@code registry} when not null. */
  SecurityFindings(CloudTrailRuleMatcher matcher, MeterRegistry registry) {
    this.matcher = matcher;
    this.registry = registry;
  }

  /** The findings of {@code event}; empty for most events. */
  List<Finding> of(CloudTrailEvent event) {
    CloudTrailRuleMatcher.Result result = matcher.match(event);
    for (CloudTrailRuleMatcher.RuleMatch suppressed : result.allowlisted()) {
      count(suppressed, event);
    }
    if (result.alerts().isEmpty()
        && result.firstSeen().isEmpty()
        && result.keyed().isEmpty()
        && result.steps().isEmpty()) {
      return List.of();
    }
    RuleEvent view = result.event();
    Alert.Resource resource = CloudTrailMatchDetector.resource(event, view);
    List<Finding> findings = new ArrayList<>();
    for (CloudTrailRuleMatcher.RuleMatch m : result.alerts()) {
      findings.add(new Finding(match(m, event, view, resource), null, null));
    }
    for (CloudTrailRuleMatcher.RuleMatch m : result.firstSeen()) {
      FirstSeenKeys keys = m.rule().conditions().firstSeen();
      String scope = keys.scope(view);
      String subject = keys.subject(view);
      if (scope != null && subject != null) {
        findings.add(new Finding(match(m, event, view, resource), scope, subject));
      }
    }
    Instant time = Instant.ofEpochMilli(view.timestamp());
    for (CloudTrailRuleMatcher.RuleMatch m : result.keyed()) {
      KeyedCondition keyed = m.rule().conditions().keyed();
      String key = keyed.key(view);
      String value = keyed.value(view);
      if (key != null && (keyed.distinct() == null || value != null)) {
        KeyedFinding k = new KeyedFinding(m.rule().id(), key, value, time, null);
        findings.add(new Finding(match(m, event, view, resource), null, null, k));
      }
    }
    for (CloudTrailRuleMatcher.RuleMatch m : result.steps()) {
      KeyedCondition keyed = m.rule().conditions().keyed();
      String key = keyed.key(view);
      if (key != null) {
        String first = keyed.after().rule();
        String id = event.eventId() == null ? "" : event.eventId();
        KeyedFinding k = new KeyedFinding(m.rule().id(), key, id, time, first);
        findings.add(new Finding(null, null, null, k));
      }
    }
    return findings;
  }

  private static Match match(
      CloudTrailRuleMatcher.RuleMatch m,
      CloudTrailEvent event,
      RuleEvent view,
      Alert.Resource resource) {
    CompiledRule rule = m.rule();
    Map<String, String> group = rule.groupKey().of(view);
    return new Match(
        Fingerprints.of(rule.id(), GroupKey.render(group)),
        rule.id(),
        group,
        Instant.ofEpochMilli(view.timestamp()),
        Match.sampleOf(view.sample()),
        resource,
        SecurityContext.of(event, m.verdict()));
  }

  private void count(CloudTrailRuleMatcher.RuleMatch suppressed, CloudTrailEvent event) {
    String rule = suppressed.rule().id();
    String list = suppressed.verdict().allowlist();
    LOG.debug(
        "rule {} suppressed for event {} by allow-list {} ({})",
        rule,
        event.eventId(),
        list,
        suppressed.verdict().allowedBy());
    if (registry != null) {
      Counter.builder(ALLOWLISTED)
          .description("Matches of cloudtrail rules suppressed by an allow-list")
          .tag("rule", rule)
          .tag("allowlist", list)
          .register(registry)
          .increment();
    }
  }
}
