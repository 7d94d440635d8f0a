package io.tocsin.detect;

import static io.tocsin.testing.LambdaTraffic.isFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.LogEvent;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.sample.SampleTraffic;
import io.tocsin.testing.AlertContract;
import io.tocsin.testing.DetectionDriver;
import io.tocsin.testing.LambdaTraffic;
import io.tocsin.testing.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default pack's lambda-failure-rate (sliding 1m, > 5 %, min 20 invocations) on the production
 * topology, fed seeded traffic at 5 invocations a second with the wall clock following event time.
 */
class SlidingRateTest {

  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  static final RuleSet RULES = RuleLoader.load(List.of());
  static final String RULE = "lambda-failure-rate";
  static final String ORDERS = "/aws/lambda/orders-api";

  private DetectionDriver driver;
  private Replay replay;
  private final LambdaTraffic traffic = new LambdaTraffic(42);

  @BeforeEach
  void start() {
    driver = new DetectionDriver(RULES, T0);
    replay = new Replay(driver, T0);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private List<LogEvent> phase(long fromMinute, long minutes, double failureRate) {
    return traffic.invocations(
        "orders-api",
        T0.plus(Duration.ofMinutes(fromMinute)),
        Duration.ofMinutes(minutes),
        5,
        failureRate);
  }

  static List<Alert> of(List<Alert> alerts, String ruleId) {
    return alerts.stream().filter(a -> a.rule().id().equals(ruleId)).toList();
  }

  /**
   * The first whole second from {@code after} at which the exact trailing minute [s − 60 s, s)
   * holds at least 20 invocations and more than 5 % failures ({@code breach}) or not ({@code
   * !breach}).
   */
  static Instant crossing(List<LogEvent> events, Instant after, boolean breach) {
    long last = events.stream().mapToLong(LogEvent::timestamp).max().orElse(0);
    for (long s = Math.floorDiv(after.toEpochMilli() + 999, 1000) * 1000; s <= last; s += 1000) {
      long from = s - 60_000;
      long to = s;
      List<LogEvent> window =
          events.stream().filter(e -> e.timestamp() >= from && e.timestamp() < to).toList();
      long failures = window.stream().filter(LambdaTraffic::isFailure).count();
      long invocations = window.stream().filter(LambdaTraffic::isInvocation).count();
      boolean breaching = invocations >= 20 && failures > 0.05 * invocations;
      if (breaching == breach) {
        return Instant.ofEpochMilli(s);
      }
    }
    throw new AssertionError("the traffic never " + (breach ? "breaches" : "recovers"));
  }

  @Test
  void shouldNotPageOnASteadyOnePercentInEitherMode() {
    replay.play(phase(0, 10, 0.01)).idle(Duration.ofSeconds(5));
    assertThat(of(replay.alerts(), RULE)).isEmpty();
    assertThat(of(replay.alerts(), "lambda-failure-rate-periodic")).isEmpty();
  }

  @Test
  void shouldPageWithinASecondOfTheBreachAndResolveWhenTheRateRecovers() {
    List<LogEvent> events = new ArrayList<>(phase(0, 4, 0.01));
    events.addAll(phase(4, 3, 0.08));
    events.addAll(phase(7, 3, 0.01));
    replay.play(events);

    Instant breach = crossing(events, T0.plus(Duration.ofMinutes(4)), true);
    Instant recovery = crossing(events, T0.plus(Duration.ofMinutes(7)), false);
    List<Replay.Seen> seen =
        replay.seen().stream().filter(s -> s.alert().rule().id().equals(RULE)).toList();
    assertThat(seen)
        .extracting(s -> s.alert().status())
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    Alert firing = seen.get(0).alert();
    assertThat(firing.updatedAt())
        .as("fired at %s, the trailing minute first breached at %s", firing.updatedAt(), breach)
        .isBetween(breach, breach.plusSeconds(1));
    assertThat(seen.get(0).wallClock()).isBeforeOrEqualTo(firing.updatedAt().plusSeconds(1));
    Alert resolved = seen.get(1).alert();
    assertThat(resolved.updatedAt())
        .as("resolved at %s, the trailing minute recovered at %s", resolved.updatedAt(), recovery)
        .isBetween(recovery, recovery.plusSeconds(1));
    assertThat(resolved.startsAt()).isEqualTo(firing.startsAt());
    assertThat(resolved.id()).isNotEqualTo(firing.id());
    assertThat(resolved.endsAt()).isEqualTo(resolved.updatedAt());
  }

  @Test
  void shouldNotFireOnExactlyFivePercentOfAWholeMinute() {
    // One invocation a second and, after the first minute, a timeout every 20 s: every minute
    // holds at most 3 of 60, 5.0 %; a window a second short would see 3 of 59 (5.08 %).
    List<LogEvent> events = new ArrayList<>();
    for (int second = 0; second < 300; second++) {
      Instant at = T0.plusSeconds(second);
      if (second >= 60 && second % 20 == 0) {
        events.add(line(at.plusMillis(250), at + " 9e1f Task timed out after 3.00 seconds"));
      }
      events.add(line(at.plusMillis(500), "REPORT RequestId: 9e1f\tDuration: 3.00 ms"));
    }
    replay.play(events).idle(Duration.ofSeconds(5));
    assertThat(of(replay.alerts(), RULE)).isEmpty();
  }

  private static LogEvent line(Instant at, String message) {
    return new LogEvent(
        LambdaTraffic.ACCOUNT,
        ORDERS,
        "s",
        "e-" + at.toEpochMilli(),
        at.toEpochMilli(),
        message,
        null);
  }

  @Test
  void shouldCarryTheObservedFiguresAndEvidenceInTheAlert() {
    List<LogEvent> events = new ArrayList<>(phase(0, 2, 0.01));
    events.addAll(phase(2, 2, 0.3));
    replay.play(events);

    Alert firing = of(replay.alerts(), RULE).get(0);
    Alert.Evaluation e = firing.evaluation();
    assertThat(e.mode()).isEqualTo("sliding");
    assertThat(e.statistic()).isEqualTo("ratio");
    assertThat(e.state()).isEqualTo("ALARM");
    assertThat(e.comparison()).isEqualTo(">");
    assertThat(e.threshold()).isEqualTo(0.05);
    assertThat(e.windowSeconds()).isEqualTo(60);
    assertThat(e.denominator()).isGreaterThanOrEqualTo(20);
    assertThat(e.value()).isGreaterThan(0.05).isEqualTo(e.numerator() / e.denominator());
    assertThat(firing.count()).isEqualTo(Math.round(e.numerator()));
    assertThat(firing.rule().kind()).isEqualTo("rate");
    assertThat(firing.fingerprint()).isEqualTo(Fingerprints.of(RULE, "log_group=" + ORDERS + "\n"));
    assertThat(firing.title()).isEqualTo("Lambda failure rate above 5 % — " + ORDERS);
    assertThat(firing.summary()).contains("over the last 1m in " + ORDERS).contains("> 5.0 %");
    assertThat(firing.resource().logGroup()).isEqualTo(ORDERS);
    assertThat(firing.labels()).containsEntry("team", "oncall").containsEntry("log_group", ORDERS);
    assertThat(firing.samples()).isNotEmpty().allMatch(s -> isFailure(line(s)));
    assertThat(firing.context().path("late_events").asLong()).isZero();
  }

  private static LogEvent line(String message) {
    return new LogEvent("", ORDERS, "", "", 0, message, null);
  }

  @Test
  void shouldNotPageOnOneFailureOfTwoCallsButOnceTheMinimumIsReached() {
    List<LogEvent> events = traffic.invocations("orders-api", T0, Duration.ofSeconds(2), 1, 0);
    events = new ArrayList<>(events);
    events.addAll(
        traffic.invocations("orders-api", T0.plusSeconds(2), Duration.ofSeconds(1), 1, 1));
    replay.play(events).idle(Duration.ofSeconds(5));
    assertThat(of(replay.alerts(), RULE)).as("1 failure of 3 calls").isEmpty();

    replay.play(
        traffic.invocations("orders-api", T0.plusSeconds(10), Duration.ofSeconds(20), 1, 0.5));
    assertThat(of(replay.alerts(), RULE))
        .extracting(Alert::status)
        .containsExactly(AlertStatus.FIRING);
  }

  @Test
  void shouldResolveOnTheWallClockWhenTrafficStops() {
    replay.play(phase(0, 2, 0.3));
    assertThat(of(replay.alerts(), RULE)).hasSize(1);
    Instant last = T0.plus(Duration.ofMinutes(2));

    replay.idle(Duration.ofSeconds(61));
    List<Alert> alerts = of(replay.alerts(), RULE);
    assertThat(alerts)
        .extracting(Alert::status)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    Alert resolved = alerts.get(1);
    assertThat(resolved.updatedAt()).isBetween(last, last.plusSeconds(61));
    assertThat(resolved.evaluation().value()).isNull();
    assertThat(resolved.evaluation().state()).isEqualTo("OK");
    assertThat(resolved.summary()).startsWith("Recovered: too few events to count");
    AlertContract.assertValid(alerts);
  }

  @Test
  void shouldPageTheSampleTrafficsFailingMinuteOnceAndNothingElse() {
    SampleTraffic sample = new SampleTraffic(5, 5, T0);
    List<LogEvent> events = new ArrayList<>();
    for (int second = 0; second < 300; second++) {
      events.addAll(sample.second(T0.plusSeconds(second)).logs());
    }
    events.sort(Comparator.comparingLong(LogEvent::timestamp));
    List<Alert> alerts = replay.play(events).alerts();

    List<Alert> rate = of(alerts, RULE);
    assertThat(rate)
        .extracting(a -> a.resource().logGroup() + " " + a.status().label())
        .as("orders-api fails 10 %% in minute 1 of 5, 1 %% otherwise; the others 0.5 %%")
        .containsExactly(ORDERS + " firing", ORDERS + " resolved");
    assertThat(rate.get(0).updatedAt()).isBetween(T0.plusSeconds(60), T0.plusSeconds(120));
    assertThat(alerts)
        .as("one failing minute of three is not 2 of 3; 502s are 3 %% of requests")
        .noneMatch(a -> a.rule().id().equals("lambda-failure-rate-periodic"))
        .noneMatch(a -> a.rule().id().startsWith("apigw-"));
  }

  @Test
  void shouldKeepGroupsApartAndPageOnlyTheFailingFunction() {
    List<LogEvent> events = new ArrayList<>(phase(0, 3, 0.2));
    events.addAll(traffic.invocations("billing-worker", T0, Duration.ofMinutes(3), 5, 0.01));
    events.sort(Comparator.comparingLong(LogEvent::timestamp));
    replay.play(events);
    assertThat(of(replay.alerts(), RULE))
        .extracting(a -> a.resource().logGroup())
        .containsExactly(ORDERS);
  }
}
