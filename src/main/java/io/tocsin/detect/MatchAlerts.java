package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.Rule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the alert for a state change of a match-rule incident. */
final class MatchAlerts {

  private static final int SUMMARY_SAMPLE_CHARS = 300;

  private MatchAlerts() {}

  /** The firing alert of a newly opened incident. */
  static Alert firing(String fingerprint, Incident incident, CompiledRule rule) {
    return alert(fingerprint, incident, rule, AlertStatus.FIRING, incident.startsAt(), null);
  }

  /** The resolved alert of an incident that went quiet; {@code at} is when it was decided. */
  static Alert resolved(String fingerprint, Incident incident, CompiledRule rule, Instant at) {
    return alert(fingerprint, incident, rule, AlertStatus.RESOLVED, at, at);
  }

  private static Alert alert(
      String fingerprint,
      Incident incident,
      CompiledRule compiled,
      AlertStatus status,
      Instant updatedAt,
      Instant endsAt) {
    Rule rule = compiled.rule();
    String scope = scope(incident.group());
    return new Alert(
        Alert.SCHEMA_VERSION,
        Fingerprints.stateChangeId(fingerprint, incident.startsAt(), status.label()),
        fingerprint,
        status,
        new Alert.AlertRule(
            rule.id(), rule.title(), rule.kind().label(), rule.severity(), rule.tags()),
        title(rule, scope),
        summary(incident, status, scope),
        incident.startsAt(),
        updatedAt,
        endsAt,
        incident.count(),
        null,
        incident.resource(),
        incident.samples(),
        links(rule),
        labels(rule, incident.group()),
        incident.context());
  }

  private static String summary(Incident incident, AlertStatus status, String scope) {
    String where = scope.isEmpty() ? "" : " in " + scope;
    String first = incident.samples().isEmpty() ? "" : incident.samples().get(0);
    if (first.length() > SUMMARY_SAMPLE_CHARS) {
      first = first.substring(0, SUMMARY_SAMPLE_CHARS) + "…";
    }
    String counted =
        incident.count() == 1 ? "1 matching event" : incident.count() + " matching events";
    return status == AlertStatus.FIRING
        ? "Matching event" + where + " at " + incident.startsAt() + ": " + first.strip()
        : "Quiet since "
            + incident.lastMatchAt()
            + "; "
            + counted
            + where
            + " since "
            + incident.startsAt()
            + ".";
  }

  /** The group-key values of an alert, space-separated, for titles and summaries. */
  static String scope(Map<String, String> group) {
    return String.join(" ", group.values()).strip();
  }

  /** The alert title: the rule's title and the group's {@code scope}. */
  static String title(Rule rule, String scope) {
    return scope.isEmpty() ? rule.title() : rule.title() + " — " + scope;
  }

  /** The runbook link of {@code rule}, if it has one. */
  static List<Alert.Link> links(Rule rule) {
    return rule.runbook() == null || rule.runbook().isBlank()
        ? List.of()
        : List.of(new Alert.Link("Runbook", rule.runbook()));
  }

  /** Routing labels: the rule's labels, {@code source}, and the non-empty group-key fields. */
  static Map<String, String> labels(Rule rule, Map<String, String> group) {
    Map<String, String> labels = new LinkedHashMap<>(rule.labels());
    labels.put("source", rule.source().label());
    group.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            labels.putIfAbsent(k, v);
          }
        });
    return labels;
  }
}
