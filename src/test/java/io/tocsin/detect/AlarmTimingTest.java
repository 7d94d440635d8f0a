package io.tocsin.detect;

import static io.tocsin.detect.SlidingRateTest.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.LogEvent;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.testing.DetectionDriver;
import io.tocsin.testing.LambdaTraffic;
import io.tocsin.testing.Replay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event time, lateness, for-durations and anti-flapping of sliding rate rules. */
class AlarmTimingTest {

  private static final Instant T0 = SlidingRateTest.T0;
  private static final String RULE =
      """
      rules:
        - id: timed
          title: Failure rate
          source: logs
          kind: rate
          pattern: '?ERROR ?"Task timed out" ?"Runtime.ExitError"'
          severity: high
          alarm:
            denominator: '"REPORT RequestId"'
            min_denominator: 20
            threshold: 0.2
            %s
      """;

  @TempDir Path dir;
  private final LambdaTraffic traffic = new LambdaTraffic(11);

  private RuleSet rule(String alarm) throws IOException {
    return RuleLoader.load(
        List.of(Files.writeString(dir.resolve("r.yaml"), RULE.formatted(alarm))), false);
  }

  private List<LogEvent> lines(String function, long fromSecond, long seconds, double rate) {
    return traffic.invocations(
        function, T0.plusSeconds(fromSecond), Duration.ofSeconds(seconds), 1, rate);
  }

  private static LogEvent failureAt(Instant at) {
    return new LogEvent(
        LambdaTraffic.ACCOUNT,
        "/aws/lambda/orders-api",
        "s",
        "late-" + at.toEpochMilli(),
        at.toEpochMilli(),
        at + " 3f1c2d4e Task timed out after 3.00 seconds",
        null);
  }

  @Test
  void shouldCountAnEventLaterThanTheGraceAsLateAndFoldOneWithinIt() throws IOException {
    try (DetectionDriver driver = new DetectionDriver(rule("grace: 10s"), T0)) {
      Replay replay = new Replay(driver, T0).play(lines("orders-api", 0, 25, 0));
      replay.play(List.of(failureAt(T0.plusSeconds(16)))); // 8 s behind the clock: counts
      replay.play(List.of(failureAt(T0.plusSeconds(5)))); // 19 s behind: late
      for (int second = 25; second < 35; second++) {
        replay.play(List.of(failureAt(T0.plusSeconds(second))));
      }

      Alert firing = replay.alerts().get(0);
      assertThat(firing.status()).isEqualTo(AlertStatus.FIRING);
      assertThat(firing.evaluation().denominator()).isEqualTo(25);
      assertThat(firing.evaluation().numerator())
          .as("6 > 20 %% of 25: 1 within grace + 5 current; the late one is not folded in")
          .isEqualTo(6);
      assertThat(firing.updatedAt())
          .as("the failure at 29 s counts when its second is over")
          .isEqualTo(T0.plusSeconds(30));
      assertThat(firing.context().path("late_events").asLong()).isEqualTo(1);
      assertThat(firing.context().path("grace_seconds").asLong()).isEqualTo(10);
      assertThat(lateEvents(driver, "timed")).isEqualTo(1.0);
    }
  }

  private static double lateEvents(DetectionDriver driver, String ruleId) {
    for (var entry : driver.metrics().entrySet()) {
      MetricName name = entry.getKey();
      if (name.name().equals("late-events-total")
          && name.group().equals("stream-tocsin-rates-metrics")
          && ruleId.equals(name.tags().get("tocsin-rates-id"))) {
        return ((Number) ((Metric) entry.getValue()).metricValue()).doubleValue();
      }
    }
    return 0; // the sensor is registered with the rule's first late event
  }

  @Test
  void shouldFireOnlyAfterTheConditionHeldForItsForDurationAndResolveAfterResolveFor()
      throws IOException {
    List<LogEvent> events = new ArrayList<>(burst(0, 30, 0));
    events.addAll(burst(30, 10, 1)); // holds ~22 s in a 20 s window: shorter than for
    events.addAll(burst(40, 60, 0));
    events.addAll(burst(100, 60, 1)); // holds ~72 s
    events.addAll(burst(160, 80, 0));
    List<Replay.Seen> seen;
    String alarm = "period: 20s\n      for: 30s\n      resolve_for: 20s";
    try (DetectionDriver driver = new DetectionDriver(rule(alarm), T0)) {
      seen = new Replay(driver, T0).play(events).seen();
    }
    assertThat(seen)
        .extracting(s -> s.alert().status())
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    Alert firing = seen.get(0).alert();
    assertThat(Duration.between(firing.startsAt(), firing.updatedAt()))
        .as("pending for 30 s, fired at the first evaluation after")
        .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(31));
    assertThat(firing.startsAt()).isAfter(T0.plusSeconds(100));
    assertThat(seen.get(1).alert().updatedAt())
        .as("the breach ends at 160 s, its share drops under 20 %% by ~176 s, + 20 s")
        .isAfter(T0.plusSeconds(190));
  }

  private List<LogEvent> burst(long fromSecond, long seconds, double rate) {
    return traffic.invocations(
        "orders-api", T0.plusSeconds(fromSecond), Duration.ofSeconds(seconds), 5, rate);
  }

  @Test
  void shouldChangeStateAtMostOncePerPeriodWhileTheRateHoversAtTheThreshold() {
    List<LogEvent> events = new ArrayList<>();
    for (int block = 0; block < 40; block++) {
      double rate = block % 2 == 0 ? 0.02 : 0.08;
      events.addAll(
          traffic.invocations(
              "orders-api", T0.plusSeconds(15L * block), Duration.ofSeconds(15), 5, rate));
    }
    List<Alert> alerts;
    try (DetectionDriver driver = new DetectionDriver(SlidingRateTest.RULES, T0)) {
      alerts = of(new Replay(driver, T0).play(events).alerts(), "lambda-failure-rate");
    }
    long crossings = crossings(events);
    assertThat(alerts).as("it does breach").isNotEmpty();
    assertThat(crossings)
        .as("the raw trailing ratio crosses 5 % often")
        .isGreaterThan(alerts.size() * 2L);
    for (int i = 1; i < alerts.size(); i++) {
      assertThat(Duration.between(alerts.get(i - 1).updatedAt(), alerts.get(i).updatedAt()))
          .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }
  }

  /** How often the exact trailing-minute ratio crosses 5 % (with at least 20 invocations). */
  private static long crossings(List<LogEvent> events) {
    long count = 0;
    boolean above = false;
    Instant from = T0;
    while (true) {
      Instant next;
      try {
        next = SlidingRateTest.crossing(events, from, !above);
      } catch (AssertionError none) {
        return count;
      }
      count++;
      above = !above;
      from = next.plusMillis(1);
    }
  }

  @Test
  void shouldJudgeALogGroupDeliveredBehindAnotherByItsOwnEvents() throws IOException {
    // orders-api's events arrive 45 s after they happened, billing-worker's at once: the same
    // task, 45 s apart; grace is 30 s.
    List<LogEvent> behind = lines("orders-api", 0, 180, 0.5);
    List<LogEvent> events = new ArrayList<>(behind);
    events.addAll(lines("billing-worker", 0, 240, 0));
    events.sort(Comparator.comparingLong(e -> e.timestamp() + (behind.contains(e) ? 45_000 : 0)));
    List<Alert> alerts;
    try (DetectionDriver driver = new DetectionDriver(rule("period: 1m"), T0)) {
      Replay replay = new Replay(driver, T0).play(events);
      alerts = replay.alerts();
      assertThat(lateEvents(driver, "timed")).as("none of orders-api's events is late").isZero();
    }
    assertThat(alerts)
        .extracting(a -> a.resource().logGroup() + " " + a.status().label())
        .startsWith("/aws/lambda/orders-api firing");
    assertThat(alerts.get(0).context().path("late_events").asLong()).isZero();
  }

  @Test
  void shouldResolveAQuietFunctionWhileAnotherOneKeepsTheClockMoving() throws IOException {
    List<LogEvent> events = new ArrayList<>(lines("orders-api", 0, 60, 0.5));
    events.addAll(lines("billing-worker", 0, 240, 0));
    events.sort(Comparator.comparingLong(LogEvent::timestamp));
    List<Alert> alerts;
    try (DetectionDriver driver = new DetectionDriver(rule("period: 1m"), T0)) {
      alerts = new Replay(driver, T0).play(events).alerts();
    }
    assertThat(alerts)
        .extracting(a -> a.resource().logGroup() + " " + a.status().label())
        .containsExactly("/aws/lambda/orders-api firing", "/aws/lambda/orders-api resolved");
    assertThat(alerts.get(1).updatedAt())
        .as("resolved as its invocations left the window, by billing-worker's event time")
        .isBetween(T0.plusSeconds(60), T0.plusSeconds(125));
  }
}
