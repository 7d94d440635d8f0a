package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a rate rule's groups live: in place, in the task that reads the event, when the rule is
 * grouped by the field the record is keyed by; behind a repartition by fingerprint otherwise —
 * including records a producer keyed differently — and the alarm fires the same either way.
 */
class RateRoutingTest {

  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  static final String IN_PLACE = "logs-rate-groups";
  static final String REGROUPED = "logs-rate-regrouped-groups";

  @TempDir Path dir;

  private final LambdaTraffic traffic = new LambdaTraffic(7);

  /** Three minutes of orders-api at 5 invocations a second, 10 % of them timing out. */
  private List<LogEvent> breaching() {
    return traffic.invocations("orders-api", T0, Duration.ofMinutes(3), 5, 0.10);
  }

  private static List<AlertStatus> fired(Replay replay, String rule) {
    return replay.alerts().stream()
        .filter(a -> a.rule().id().equals(rule))
        .map(a -> a.status())
        .toList();
  }

  @Test
  void shouldEvaluateARuleGroupedByLogGroupInPlace() {
    try (DetectionDriver driver = new DetectionDriver(RuleLoader.load(List.of()), T0)) {
      Replay replay = new Replay(driver, T0).play(breaching());

      assertThat(fired(replay, "lambda-failure-rate")).containsExactly(AlertStatus.FIRING);
      assertThat(driver.storeKeys(IN_PLACE)).isNotEmpty();
      assertThat(driver.storeKeys(REGROUPED)).isEmpty();
    }
  }

  @Test
  void shouldRegroupRecordsNotKeyedByTheirLogGroupAndStillFire() {
    try (DetectionDriver driver = new DetectionDriver(RuleLoader.load(List.of()), T0)) {
      Replay replay = new Replay(driver, T0).play(breaching(), LogEvent::logStream);

      assertThat(fired(replay, "lambda-failure-rate")).containsExactly(AlertStatus.FIRING);
      assertThat(driver.storeKeys(IN_PLACE)).isEmpty();
      assertThat(driver.storeKeys(REGROUPED)).isNotEmpty();
    }
  }

  @Test
  void shouldRegroupARuleGroupedByAnotherFieldAndStillFire() throws IOException {
    Files.writeString(
        dir.resolve("by-owner.yaml"),
        """
        rules:
          - id: failure-rate-by-account
            title: Lambda failure rate per account
            source: logs
            kind: rate
            pattern: '?ERROR ?"Task timed out" ?"Runtime.ExitError"'
            severity: high
            log_groups: ["/aws/lambda/*"]
            group_by: [owner]
            alarm: {denominator: '"REPORT RequestId"', min_denominator: 20, threshold: 0.05}
        """);
    RuleSet rules = RuleLoader.load(List.of(dir), false);
    try (DetectionDriver driver = new DetectionDriver(rules, T0)) {
      Replay replay = new Replay(driver, T0).play(breaching());

      assertThat(fired(replay, "failure-rate-by-account")).containsExactly(AlertStatus.FIRING);
      assertThat(driver.storeKeys(IN_PLACE)).isEmpty();
      assertThat(driver.storeKeys(REGROUPED)).hasSize(1);
    }
  }
}
