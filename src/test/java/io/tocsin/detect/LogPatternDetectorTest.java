package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.testing.DetectionDriver;
import io.tocsin.testing.LogLines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogPatternDetectorTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final RuleSet RULES = RuleLoader.load(List.of());
  private static final String TIMEOUT =
      "2020-02-25T22:04:08.390Z 2ea49a23-ff39-4bf5-8761-439f99b7c5f6 Task timed out after 3.00"
          + " seconds";

  private DetectionDriver driver;
  private final LogLines lines = new LogLines();

  @BeforeEach
  void start() {
    driver = new DetectionDriver(RULES, T0);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void shouldFireOnTheFirstMatchingEventWithItsContext() {
    driver.pipe(lines.line("/aws/lambda/orders-api", T0, TIMEOUT));

    List<Alert> alerts = driver.alerts();
    assertThat(alerts).hasSize(1);
    Alert alert = alerts.get(0);
    assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(alert.rule().id()).isEqualTo("lambda-task-timeout");
    assertThat(alert.rule().severity().label()).isEqualTo("high");
    assertThat(alert.title()).isEqualTo("Lambda task timed out — /aws/lambda/orders-api");
    assertThat(alert.startsAt()).isEqualTo(T0);
    assertThat(alert.count()).isEqualTo(1);
    assertThat(alert.samples()).containsExactly(TIMEOUT);
    assertThat(alert.resource().logGroup()).isEqualTo("/aws/lambda/orders-api");
    assertThat(alert.resource().account()).isEqualTo("123456789012");
    assertThat(alert.labels()).containsEntry("team", "oncall").containsEntry("source", "logs");
    assertThat(alert.fingerprint())
        .isEqualTo(Fingerprints.of("lambda-task-timeout", "log_group=/aws/lambda/orders-api\n"));
  }

  @Test
  void shouldFoldRepeatsIntoTheOpenIncidentWithoutFiringAgain() {
    for (int i = 0; i < 10; i++) {
      driver.pipe(lines.line("/aws/lambda/orders-api", T0.plusSeconds(i * 20L), TIMEOUT));
      driver.advanceWallClock(Duration.ofSeconds(20));
    }
    assertThat(driver.alerts()).as("ten timeouts within the 5m window are one incident").hasSize(1);
  }

  @Test
  void shouldKeepSeparateIncidentsPerLogGroup() {
    driver.pipe(lines.line("/aws/lambda/orders-api", T0, TIMEOUT));
    driver.pipe(lines.line("/aws/lambda/billing-worker", T0.plusSeconds(1), TIMEOUT));
    driver.pipe(lines.line("/aws/lambda/orders-api", T0.plusSeconds(2), TIMEOUT));

    assertThat(driver.alerts())
        .extracting(a -> a.resource().logGroup())
        .containsExactly("/aws/lambda/orders-api", "/aws/lambda/billing-worker");
  }

  @Test
  void shouldResolveAfterAQuietWindowOnTheWallClockWithCountAndSamples() {
    driver.pipe(lines.line("/aws/lambda/orders-api", T0, TIMEOUT));
    driver.pipe(lines.line("/aws/lambda/orders-api", T0.plusSeconds(30), TIMEOUT));
    driver.advanceWallClock(Duration.ofMinutes(4));
    assertThat(driver.alerts()).hasSize(1);

    driver.advanceWallClock(Duration.ofMinutes(1).plusSeconds(1));
    List<Alert> after = driver.alerts();
    assertThat(after).hasSize(1);
    Alert resolved = after.get(0);
    assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(resolved.count()).isEqualTo(2);
    assertThat(resolved.samples()).hasSize(2);
    assertThat(resolved.endsAt()).isNotNull();
    assertThat(resolved.startsAt()).isEqualTo(T0);
  }

  @Test
  void shouldResolveInEventTimeWhenLaterTrafficShowsTheWindowPassed() {
    driver.pipe(lines.line("/aws/lambda/orders-api", T0, TIMEOUT));
    driver.pipe(
        lines.line("/aws/lambda/orders-api", T0.plus(Duration.ofMinutes(6)), "START RequestId: x"));
    driver.advanceWallClock(Duration.ofSeconds(1));

    assertThat(driver.alerts())
        .extracting(Alert::status)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
  }

  @Test
  void shouldOpenANewIncidentWithANewIdButTheSameFingerprintAfterAResolve() {
    driver.pipe(lines.line("/aws/lambda/orders-api", T0, TIMEOUT));
    driver.advanceWallClock(Duration.ofMinutes(6));
    driver.pipe(lines.line("/aws/lambda/orders-api", T0.plus(Duration.ofMinutes(7)), TIMEOUT));

    List<Alert> alerts = driver.alerts();
    assertThat(alerts)
        .extracting(Alert::status)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED, AlertStatus.FIRING);
    assertThat(alerts).extracting(Alert::fingerprint).containsOnly(alerts.get(0).fingerprint());
    assertThat(alerts).extracting(Alert::id).doesNotHaveDuplicates();
  }

  @Test
  void shouldIgnoreEventsOutsideTheRuleScopeAndNonMatchingLines() {
    driver.pipe(lines.line("/ecs/worker", T0, TIMEOUT));
    driver.pipe(lines.line("/aws/lambda/orders-api", T0, "START RequestId: 1 Version: $LATEST"));
    assertThat(driver.alerts()).isEmpty();
  }

  @Test
  void shouldGiveAReplayedEventTheSameAlertId() {
    driver.pipe(lines.line("/aws/lambda/orders-api", T0, TIMEOUT));
    String first = driver.alerts().get(0).id();
    driver.close();
    driver = new DetectionDriver(RULES, T0);
    driver.pipe(lines.line("/aws/lambda/orders-api", T0, TIMEOUT));
    assertThat(driver.alerts().get(0).id()).isEqualTo(first);
  }
}
