package io.tocsin.detect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.config.Durations;
import io.tocsin.detect.GroupState.AlarmState;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.Json;
import io.tocsin.rules.Alarm;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.Rule;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Builds the alert for a state change of a rate or threshold rule's group: firing on entering
 * ALARM, resolved on leaving it, with what was observed in {@link Alert.Evaluation} and the group's
 * late events in the context. Ids come from content (fingerprint, incident start, status), so a
 * replay yields the same ids.
 */
final class RateAlerts {

  private RateAlerts() {}

  /** The alert of {@code change} of the group {@code fingerprint}. */
  static Alert alert(
      String fingerprint, CompiledRule compiled, GroupState group, AlarmMode.Change change) {
    Rule rule = compiled.rule();
    AlertStatus status =
        change.to() == AlarmState.ALARM ? AlertStatus.FIRING : AlertStatus.RESOLVED;
    Instant startsAt = Instant.ofEpochMilli(change.startsAt());
    Instant at = Instant.ofEpochMilli(change.at());
    String scope = MatchAlerts.scope(group.group());
    ObjectNode context = Json.MAPPER.createObjectNode();
    context.put("late_events", group.late());
    context.put("grace_seconds", rule.alarm().grace().toSeconds());
    return new Alert(
        Alert.SCHEMA_VERSION,
        Fingerprints.stateChangeId(fingerprint, startsAt, status.label()),
        fingerprint,
        status,
        new Alert.AlertRule(
            rule.id(), rule.title(), rule.kind().label(), rule.severity(), rule.tags()),
        MatchAlerts.title(rule, scope),
        summary(rule, change, scope),
        startsAt,
        at,
        status == AlertStatus.RESOLVED ? at : null,
        change.count(),
        change.evaluation(),
        group.resource(),
        group.samples(),
        MatchAlerts.links(rule),
        MatchAlerts.labels(rule, group.group()),
        context);
  }

  private static String summary(Rule rule, AlarmMode.Change change, String scope) {
    Alert.Evaluation e = change.evaluation();
    Alarm alarm = rule.alarm();
    String where = scope.isEmpty() ? "" : " in " + scope;
    String condition = e.comparison() + " " + figure(rule, e.threshold());
    String period = Durations.format(alarm.period());
    if (alarm.mode() == Alarm.Mode.PERIODIC) {
      String points =
          e.datapoints().stream()
              .map(d -> d == null ? "missing" : figure(rule, d))
              .collect(Collectors.joining(", ", "[", "]"));
      String last = "the last " + alarm.evaluationPeriods() + " datapoints of " + period;
      return e.state()
          + where
          + switch (change.to()) {
            case ALARM ->
                ": at least " + alarm.datapointsToAlarm() + " of " + last + " " + condition;
            case OK ->
                ": fewer than " + alarm.datapointsToAlarm() + " of " + last + " " + condition;
            case INSUFFICIENT_DATA -> ": no datapoint in " + last;
          }
          + " "
          + points
          + ".";
    }
    String observed = observed(rule, e, change.count());
    String window = " over the last " + period + where;
    return change.to() == AlarmState.ALARM
        ? observed + " " + condition + window + "."
        : "Recovered: " + observed + window + " (alarm " + condition + ").";
  }

  private static String observed(Rule rule, Alert.Evaluation e, long count) {
    int min = rule.alarm().minDenominator();
    if (rule.kind() == Rule.Kind.RATE) {
      String counts = Math.round(e.numerator()) + " of " + Math.round(e.denominator());
      return e.value() == null
          ? "too few events to count (" + counts + "; at least " + min + " needed)"
          : figure(rule, e.value()) + " (" + counts + ")";
    }
    return e.value() == null
        ? "too few values (" + count + "; at least " + min + " needed)"
        : e.statistic() + " " + figure(rule, e.value()) + " (" + count + " values)";
  }

  /** A ratio as a percentage, a statistic with 4 significant digits. */
  private static String figure(Rule rule, double value) {
    if (rule.kind() == Rule.Kind.RATE) {
      return String.format(Locale.ROOT, "%.1f %%", value * 100);
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
