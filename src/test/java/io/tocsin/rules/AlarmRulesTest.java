package io.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlarmRulesTest {

  private static final String RATE =
      """
      rules:
        - id: my-failure-rate
          title: Failure rate
          source: logs
          kind: rate
          pattern: '"Task timed out"'
          severity: high
          alarm:
            denominator: '"REPORT RequestId"'
            threshold: 0.05
            %s
          tests:
            - event: "Task timed out after 3.00 seconds"
              fires: true
              denominator: false
            - event: "REPORT RequestId: 1 Duration: 3003.28 ms"
              fires: false
              denominator: true
      """;

  @TempDir Path dir;

  private RuleSet load(String yaml) throws IOException {
    return RuleLoader.load(List.of(Files.writeString(dir.resolve("r.yaml"), yaml)), false);
  }

  private String problem(String yaml) {
    return assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(RuleException.class)
        .extracting(e -> ((RuleException) e).errors().get(0).text())
        .asString()
        .actual();
  }

  @Test
  void shouldFillSlidingDefaultsAndCompileTheDenominator() throws IOException {
    CompiledRule rule = load(RATE.formatted("min_denominator: 20")).get("my-failure-rate");
    Alarm alarm = rule.rule().alarm();
    assertThat(rule.rule().kind()).isEqualTo(Rule.Kind.RATE);
    assertThat(alarm.mode()).isEqualTo(Alarm.Mode.SLIDING);
    assertThat(alarm.period()).isEqualTo(Duration.ofMinutes(1));
    assertThat(alarm.comparison()).isEqualTo(Alarm.Comparison.GT);
    assertThat(alarm.minDenominator()).isEqualTo(20);
    assertThat(alarm.holdFor()).isZero();
    assertThat(alarm.grace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(rule.denominator().text()).isEqualTo("\"REPORT RequestId\"");
    assertThat(rule.rule().groupBy()).containsExactly("log_group");
  }

  @Test
  void shouldFillPeriodicDefaultsWithMEqualToN() throws IOException {
    Alarm alarm =
        load(RATE.formatted("mode: periodic\n      evaluation_periods: 3"))
            .get("my-failure-rate")
            .rule()
            .alarm();
    assertThat(alarm.evaluationPeriods()).isEqualTo(3);
    assertThat(alarm.datapointsToAlarm()).isEqualTo(3);
    assertThat(alarm.missingData()).isEqualTo(Alarm.MissingData.MISSING);
  }

  @Test
  void shouldRequireAnAlarmWithADenominatorForARateRule() {
    String yaml = RATE.replace("denominator: '\"REPORT RequestId\"'", "").formatted("");
    assertThat(problem(yaml)).contains("rule my-failure-rate").contains("denominator");
  }

  @Test
  void shouldNameTheFieldThatDoesNotFitTheMode() {
    assertThat(problem(RATE.formatted("datapoints_to_alarm: 2")))
        .endsWith("rule my-failure-rate: field alarm.datapoints_to_alarm: only for mode: periodic");
    assertThat(problem(RATE.formatted("mode: periodic\n      for: 1m")))
        .endsWith("field alarm.for: only for mode: sliding");
  }

  @Test
  void shouldRejectMoreDatapointsToAlarmThanEvaluationPeriods() {
    assertThat(
            problem(
                RATE.formatted(
                    "mode: periodic\n      evaluation_periods: 2\n      datapoints_to_alarm: 3")))
        .endsWith("field alarm.datapoints_to_alarm: 3 is more than evaluation_periods (2)");
  }

  @Test
  void shouldRejectAPercentageWrittenAsARateThreshold() {
    assertThat(problem(RATE.replace("threshold: 0.05", "threshold: 5").formatted("")))
        .contains("field alarm.threshold: a rate threshold is a ratio from 0 to 1");
  }

  @Test
  void shouldRejectABrokenDenominatorPatternNamingTheField() {
    assertThat(problem(RATE.replace("'\"REPORT RequestId\"'", "'{ $.x = '").formatted("")))
        .contains("rule my-failure-rate: field alarm.denominator:");
  }

  @Test
  void shouldReportAMissedDenominatorExpectation() throws IOException {
    String yaml = RATE.replace("denominator: true", "denominator: false").formatted("");
    List<RuleExamples.Outcome> outcomes = RuleExamples.run(load(yaml));
    assertThat(outcomes.get(0).passed()).isTrue();
    assertThat(outcomes.get(1).passed()).isFalse();
    assertThat(outcomes.get(1).problem()).isEqualTo("expected it not to count in the denominator");
  }

  @Test
  void shouldRunThresholdExamplesOnTheExtractedValue() throws IOException {
    RuleSet rules =
        load(
            """
            rules:
              - id: slow-api
                title: Slow API
                source: logs
                kind: threshold
                pattern: '{ $.responseLatency = * }'
                severity: medium
                alarm: {value: $.responseLatency, statistic: p99, threshold: 1000}
                tests:
                  - event: '{"status":"200","responseLatency":1234}'
                    fires: true
                    value: 1234
                  - event: '{"status":"200","responseLatency":12}'
                    fires: true
                    value: 13
                  - event: '{"status":"200"}'
                    fires: false
            """);
    List<RuleExamples.Outcome> outcomes = RuleExamples.run(rules);
    assertThat(outcomes)
        .extracting(RuleExamples.Outcome::passed)
        .containsExactly(true, false, true);
    assertThat(outcomes.get(1).problem()).isEqualTo("expected the value 13.0, got 12.0");
  }

  @Test
  void shouldRequireAValueForStatisticsOtherThanCount() {
    String yaml =
        """
        rules:
          - id: slow-api
            title: Slow API
            source: logs
            kind: threshold
            pattern: '{ $.responseLatency = * }'
            severity: medium
            alarm: {statistic: avg, threshold: 1000}
        """;
    assertThat(problem(yaml))
        .endsWith(
            "field alarm.value: statistic avg needs the value of each event, e.g. $.latency"
                + " or $size");
  }

  @Test
  void shouldRejectAnAlarmOnAMatchRuleAndADenominatorExampleOnIt() {
    String yaml =
        """
        rules:
          - id: plain
            title: Plain
            source: logs
            pattern: ERROR
            severity: low
            tests:
              - {event: "ERROR x", fires: true, denominator: true}
        """;
    assertThat(problem(yaml))
        .endsWith("field tests[0].denominator: only rate rules count a denominator");
    String withAlarm =
        yaml.substring(0, yaml.indexOf("    tests:")) + "    alarm: {threshold: 1}\n";
    assertThat(problem(withAlarm))
        .endsWith(
            "field alarm: only rate and threshold rules have an alarm; set kind: rate or"
                + " threshold");
  }
}
