package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tocsin.model.Alert;
import io.tocsin.model.LogEvent;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.testing.DetectionDriver;
import io.tocsin.testing.LambdaTraffic;
import io.tocsin.testing.LogLines;
import io.tocsin.testing.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The detection meters on the production topology, and what happens to events and alerts stamped
 * ahead of the clock (a source with a skewed clock).
 */
class DetectMetricsTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final RuleSet RULES = RuleLoader.load(List.of());
  private static final String TIMEOUT =
      "2020-02-25T22:04:08.390Z 2ea49a23-ff39-4bf5-8761-439f99b7c5f6 Task timed out after 3.00"
          + " seconds";

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private DetectionDriver driver;
  private final LogLines lines = new LogLines();

  @BeforeEach
  void start() {
    driver = new DetectionDriver(DetectionTopology.build(RULES, registry), T0);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void shouldCountMatchesPerRuleAndAlertsRaisedAndResolvedPerRuleAndSeverity() {
    for (int i = 0; i < 3; i++) {
      driver.pipe(lines.line("/aws/lambda/orders-api", T0.plusSeconds(i), TIMEOUT));
    }
    driver.pipe(lines.line("/aws/lambda/billing", T0.plusSeconds(3), TIMEOUT));

    assertThat(count(DetectMetrics.MATCHED, "rule", "lambda-task-timeout")).isEqualTo(4);
    assertThat(count(DetectMetrics.RAISED, "rule", "lambda-task-timeout", "severity", "high"))
        .isEqualTo(2);
    assertThat(registry.find(DetectMetrics.RESOLVED).counter()).isNull();

    driver.advanceWallClock(Duration.ofMinutes(10));

    assertThat(count(DetectMetrics.RESOLVED, "rule", "lambda-task-timeout", "severity", "high"))
        .isEqualTo(2);
    assertThat(registry.find(DetectMetrics.AHEAD).counter()).isNull();
  }

  @Test
  void shouldWriteAnAlertStampedAheadOfTheClockAsOfNowAndKeepItsEventTime() {
    Instant ahead = T0.plus(Duration.ofMinutes(90));

    driver.pipe(lines.line("/aws/lambda/skewed-clock", ahead, TIMEOUT));

    List<TestRecord<String, Alert>> records = driver.alertRecords();
    assertThat(records).hasSize(1);
    assertThat(records.get(0).getRecordTime())
        .as("the broker refuses records over an hour ahead: the record time is the wall clock")
        .isEqualTo(T0);
    assertThat(records.get(0).value().startsAt()).isEqualTo(ahead);
    assertThat(count(DetectMetrics.AHEAD, "detector", "logs")).isEqualTo(1);
  }

  @Test
  void shouldKeepEveryRateGroupOnTimeWhenOneSourceIsStampedAhead() {
    LambdaTraffic traffic = new LambdaTraffic(7);
    for (LogEvent skewed :
        traffic.invocations(
            "skewed-clock", T0.plus(Duration.ofMinutes(90)), Duration.ofSeconds(1), 1, 0)) {
      driver.pipe(skewed);
    }
    Replay replay = new Replay(driver, T0);

    replay.play(traffic.invocations("orders-api", T0, Duration.ofMinutes(3), 5, 0.2));

    assertThat(SlidingRateTest.of(replay.alerts(), "lambda-failure-rate"))
        .as("orders-api at 20 %% failures pages although another source is 90 minutes ahead")
        .isNotEmpty();
    assertThat(count(DetectMetrics.AHEAD, "detector", "logs-rate")).isPositive();
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }
}
