package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.pattern.FilterPattern;
import io.tocsin.pattern.MetricValueSelector;
import io.tocsin.pattern.PatternSyntaxException;
import java.time.Duration;
import java.util.List;

/**
 * Checks the {@code alarm:} block of rate and threshold rules beyond what the schema can say (which
 * fields fit which kind and mode, M ≤ N, sane durations) and compiles its denominator pattern or
 * metric value. Problems name the file, the rule and the field, like every rule-file problem.
 */
final class AlarmCompiler {

  private static final Duration LONGEST = Duration.ofDays(1);

  private AlarmCompiler() {}

  /**
   * The compiled rate or threshold rule, or {@code null} after adding a problem to {@code scope}.
   * {@code node} is the rule as written, to tell fields the user set from defaults.
   */
  static CompiledRule compile(
      Rule rule,
      JsonNode node,
      String file,
      FilterPattern pattern,
      GroupKey groupKey,
      RuleScope scope) {
    String problem = problem(rule, node);
    if (problem != null) {
      scope.add("field " + problem);
      return null;
    }
    Alarm alarm = rule.alarm();
    try {
      if (rule.kind() == Rule.Kind.RATE) {
        FilterPattern denominator = FilterPattern.compile(alarm.denominator());
        return new CompiledRule(rule, file, pattern, groupKey, denominator, null);
      }
      MetricValueSelector value = pattern.metricValue(alarm.value());
      return new CompiledRule(rule, file, pattern, groupKey, null, value);
    } catch (PatternSyntaxException e) {
      String field = rule.kind() == Rule.Kind.RATE ? "denominator" : "value";
      scope.add("alarm." + field, e.getMessage(), null);
      return null;
    }
  }

  /** What is wrong with an inline example of a rule of {@code kind}, or {@code null}. */
  static String exampleProblem(Rule.Kind kind, Rule.RuleExample example) {
    if (example.denominator() != null && kind != Rule.Kind.RATE) {
      return "denominator: only rate rules count a denominator";
    }
    if (example.value() != null && kind != Rule.Kind.THRESHOLD) {
      return "value: only threshold rules extract a value";
    }
    return null;
  }

  /** {@code field: message} for the first problem of the rule's alarm, or {@code null}. */
  private static String problem(Rule rule, JsonNode node) {
    Alarm alarm = rule.alarm();
    JsonNode written = node.path("alarm");
    if (rule.kind() == Rule.Kind.MATCH) {
      return "alarm: only rate and threshold rules have an alarm; set kind: rate or threshold";
    }
    if (node.has("suppression")) {
      return "suppression: only match rules fold repeats; a "
          + rule.kind().label()
          + " rule fires and resolves as its alarm says";
    }
    String kindProblem =
        rule.kind() == Rule.Kind.RATE ? rateProblem(alarm, written) : thresholdProblem(written);
    if (kindProblem != null) {
      return kindProblem;
    }
    if (alarm.mode() == Alarm.Mode.SLIDING) {
      for (String periodic : List.of("evaluation_periods", "datapoints_to_alarm", "missing_data")) {
        if (written.has(periodic)) {
          return "alarm." + periodic + ": only for mode: periodic";
        }
      }
    } else {
      for (String sliding : List.of("for", "resolve_for")) {
        if (written.has(sliding)) {
          return "alarm." + sliding + ": only for mode: sliding";
        }
      }
    }
    if (alarm.datapointsToAlarm() > alarm.evaluationPeriods()) {
      return "alarm.datapoints_to_alarm: "
          + alarm.datapointsToAlarm()
          + " is more than evaluation_periods ("
          + alarm.evaluationPeriods()
          + ")";
    }
    Duration period = alarm.period();
    if (period.toMillis() % 1000 != 0 || period.isZero() || period.compareTo(LONGEST) > 0) {
      return "alarm.period: expected whole seconds from 1s to 1d, got " + period.toMillis() + "ms";
    }
    for (Duration d : List.of(alarm.holdFor(), alarm.resolveFor(), alarm.grace())) {
      if (d.compareTo(LONGEST) > 0) {
        return "alarm: durations are at most 1d";
      }
    }
    return null;
  }

  private static String rateProblem(Alarm alarm, JsonNode written) {
    if (written.has("statistic") || written.has("value")) {
      return "alarm."
          + (written.has("statistic") ? "statistic" : "value")
          + ": a rate rule compares the ratio; statistic and value are for threshold rules";
    }
    if (alarm.threshold() > 1 || alarm.threshold() < 0) {
      return "alarm.threshold: a rate threshold is a ratio from 0 to 1 (0.05 = 5 %), got "
          + alarm.threshold();
    }
    return null;
  }

  private static String thresholdProblem(JsonNode written) {
    if (written.has("denominator")) {
      return "alarm.denominator: only rate rules have a denominator";
    }
    String statistic = written.path("statistic").asText();
    if (!statistic.equals("count") && !written.has("value")) {
      return "alarm.value: statistic "
          + statistic
          + " needs the value of each event, e.g. $.latency or $size";
    }
    return null;
  }
}
