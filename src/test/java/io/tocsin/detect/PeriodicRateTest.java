package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.LogEvent;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.testing.AlertContract;
import io.tocsin.testing.DetectionDriver;
import io.tocsin.testing.LambdaTraffic;
import io.tocsin.testing.Replay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Periodic (CloudWatch-alarm compatible) rate rules on the production topology: aligned one-minute
 * datapoints, M out of N, missing-data treatment, state changes at period ends only.
 */
class PeriodicRateTest {

  private static final Instant T0 = SlidingRateTest.T0;
  private static final String TWIN = "lambda-failure-rate-periodic";
  private static final String ONE_OF_ONE =
      """
      rules:
        - id: one-of-one
          title: Lambda failure rate (1 of 1)
          source: logs
          kind: rate
          pattern: '?ERROR ?"Task timed out" ?"Runtime.ExitError"'
          log_groups: ["/aws/lambda/*"]
          severity: high
          alarm:
            denominator: '"REPORT RequestId"'
            min_denominator: 20
            threshold: 0.05
            mode: periodic
            period: 1m
            missing_data: %s
      """;

  @TempDir Path dir;
  private final LambdaTraffic traffic = new LambdaTraffic(7);

  private List<LogEvent> phase(long fromMinute, long minutes, double failureRate) {
    return traffic.invocations(
        "orders-api",
        T0.plus(Duration.ofMinutes(fromMinute)),
        Duration.ofMinutes(minutes),
        5,
        failureRate);
  }

  private static Instant minute(long m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  private List<Replay.Seen> run(RuleSet rules, String ruleId, List<LogEvent> events, long idle) {
    try (DetectionDriver driver = new DetectionDriver(rules, T0)) {
      Replay replay = new Replay(driver, T0).play(events).idle(Duration.ofMinutes(idle));
      return replay.seen().stream().filter(s -> s.alert().rule().id().equals(ruleId)).toList();
    }
  }

  private RuleSet oneOfOne(String missingData) throws IOException {
    Path file = Files.writeString(dir.resolve("r.yaml"), ONE_OF_ONE.formatted(missingData));
    return RuleLoader.load(List.of(file), false);
  }

  @Test
  void shouldAlarmTheTwinAtTheEndOfTheSecondBreachingMinuteAndRecoverTwoMinutesAfter() {
    List<LogEvent> events = new ArrayList<>(phase(0, 4, 0.01));
    events.addAll(phase(4, 3, 0.08));
    events.addAll(phase(7, 3, 0.01));
    List<Replay.Seen> seen = run(SlidingRateTest.RULES, TWIN, events, 0);

    assertThat(seen)
        .extracting(s -> s.alert().status())
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    Alert firing = seen.get(0).alert();
    assertThat(firing.updatedAt()).as("2 of [1 %, 8 %, 8 %] at 10:06").isEqualTo(minute(6));
    assertThat(seen.get(0).wallClock())
        .as("evaluated once the minute's 30 s grace is over")
        .isBetween(minute(6).plusSeconds(30), minute(6).plusSeconds(31));
    assertThat(firing.startsAt()).as("the first breaching minute").isEqualTo(minute(4));
    Alert.Evaluation e = firing.evaluation();
    assertThat(e.mode()).isEqualTo("periodic");
    assertThat(e.state()).isEqualTo("ALARM");
    assertThat(e.windowSeconds()).isEqualTo(60);
    assertThat(e.datapoints()).hasSize(3);
    assertThat(e.datapoints().get(0)).isLessThan(0.05);
    assertThat(e.datapoints().subList(1, 3)).allMatch(d -> d > 0.05);
    assertThat(e.denominator()).isEqualTo(900);
    assertThat(firing.summary()).startsWith("ALARM in /aws/lambda/orders-api: at least 2 of");

    Alert resolved = seen.get(1).alert();
    assertThat(resolved.updatedAt()).as("1 of [8 %, 1 %, 1 %] at 10:09").isEqualTo(minute(9));
    assertThat(resolved.evaluation().state()).isEqualTo("OK");
    assertThat(resolved.startsAt()).isEqualTo(firing.startsAt());
  }

  @Test
  void shouldAlarmAtTheEndOfTheFirstBreachingMinuteWithOneDatapointToAlarm() throws IOException {
    // 10 invocations a second: an 8 % minute stays above 5 % but for a 0.2 % binomial chance.
    List<LogEvent> events =
        new ArrayList<>(traffic.invocations("orders-api", T0, Duration.ofMinutes(3), 10, 0.01));
    events.addAll(traffic.invocations("orders-api", minute(3), Duration.ofMinutes(2), 10, 0.08));
    Instant firstBreachingMinuteEnds = minute(firstBreachingMinute(events) + 1);
    List<Replay.Seen> seen = run(oneOfOne("missing"), "one-of-one", events, 0);
    assertThat(seen)
        .extracting(s -> s.alert().updatedAt())
        .containsExactly(firstBreachingMinuteEnds);
    assertThat(firstBreachingMinuteEnds).as("one period after the step").isEqualTo(minute(4));
  }

  /** The first minute (from T0) with at least 20 invocations and more than 5 % failures. */
  private static long firstBreachingMinute(List<LogEvent> events) {
    for (long m = 0; ; m++) {
      long from = minute(m).toEpochMilli();
      long to = minute(m + 1).toEpochMilli();
      List<LogEvent> in =
          events.stream().filter(e -> e.timestamp() >= from && e.timestamp() < to).toList();
      long failures = in.stream().filter(LambdaTraffic::isFailure).count();
      long invocations = in.stream().filter(LambdaTraffic::isInvocation).count();
      if (invocations >= 20 && failures > 0.05 * invocations) {
        return m;
      }
    }
  }

  @Test
  void shouldKeepTheTwinInAlarmUntilItsBreachingMinutesLeftTheEvaluationRange() {
    List<Replay.Seen> seen = run(SlidingRateTest.RULES, TWIN, phase(0, 3, 0.3), 6);
    assertThat(seen)
        .extracting(s -> s.alert().status())
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    assertThat(seen.get(0).alert().updatedAt()).as("[-, -, -, 30 %, 30 %]").isEqualTo(minute(2));
    assertThat(seen.get(0).alert().startsAt()).isEqualTo(minute(0));
    Alert resolved = seen.get(1).alert();
    // [30 %, 30 %, -, -, -] still alarms (2 of 3), [30 %, -, -, -, -] too (premature-alarm
    // rule: the oldest real datapoint breaches and is at least 2 periods old), then nothing left.
    assertThat(resolved.updatedAt()).as("[-, -, -, -, -] at 10:08").isEqualTo(minute(8));
    assertThat(resolved.evaluation().state()).isEqualTo("INSUFFICIENT_DATA");
    assertThat(resolved.evaluation().datapoints()).hasSize(3).containsOnlyNulls();
    assertThat(seen.get(1).wallClock())
        .as("decided on the wall clock, no event came")
        .isBeforeOrEqualTo(minute(8).plusSeconds(31));
  }

  @ParameterizedTest(name = "missing_data: {0}")
  @CsvSource({"missing, INSUFFICIENT_DATA", "notBreaching, OK", "breaching, ", "ignore, "})
  void shouldTreatAPeriodWithoutDataAsTheRuleSays(String missingData, String resolvedTo)
      throws IOException {
    List<Replay.Seen> seen = run(oneOfOne(missingData), "one-of-one", phase(0, 2, 0.3), 4);
    assertThat(seen.get(0).alert().updatedAt()).isEqualTo(minute(1));
    if (resolvedTo == null) {
      assertThat(seen).as("still in ALARM through the gap").hasSize(1);
      return;
    }
    assertThat(seen).hasSize(2);
    Alert resolved = seen.get(1).alert();
    assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(resolved.evaluation().state()).isEqualTo(resolvedTo);
    assertThat(resolved.updatedAt())
        .as("the last real datapoint (minute 1) left the 3-period evaluation range")
        .isEqualTo(minute(5));
    AlertContract.assertValid(seen.stream().map(Replay.Seen::alert).toList());
  }

  @Test
  void shouldNotAlarmOnMinutesBelowTheMinimumDenominator() throws IOException {
    List<LogEvent> events = traffic.invocations("orders-api", T0, Duration.ofMinutes(3), 0.25, 0.5);
    assertThat(run(oneOfOne("missing"), "one-of-one", events, 0))
        .as("half of 15 invocations a minute fail, but 15 < 20 makes no datapoint")
        .isEmpty();
  }
}
