package io.tocsin.detect.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.DeploymentSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.DeployContext;
import io.tocsin.model.Deployment;
import io.tocsin.model.Deployment.OutcomeStatus;
import io.tocsin.model.Deployment.VerdictStatus;
import io.tocsin.model.Severity;
import io.tocsin.testing.AlertContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deploy watch on generated Lambda traffic and real-shaped CloudTrail and EventBridge events.
 */
class DeployWatchTest {

  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
  private static final Instant DEPLOY = T0.plus(Duration.ofMinutes(5)).plusSeconds(3);

  /** The defaults but a 5 min baseline, to keep the generated traffic small. */
  private static final DeploymentSettings SETTINGS = settings(Duration.ofMinutes(5));

  private final List<Deployment> deployments = new ArrayList<>();
  private final List<Alert> alerts = new ArrayList<>();

  private void traffic(
      DeployWatchDriver driver,
      LambdaTraffic fn,
      Instant from,
      Instant to,
      double rate,
      double failures) {
    for (Instant s = from; s.isBefore(to); s = s.plusSeconds(1)) {
      fn.second(s, rate, failures).forEach(driver::pipe);
    }
    deployments.addAll(driver.deployments());
    alerts.addAll(driver.alerts());
  }

  @AfterEach
  void everyDeploymentRecordMatchesItsSchema() {
    AlertContract.assertValidDeployments(deployments);
  }

  private Deployment last() {
    return deployments.get(deployments.size() - 1);
  }

  @Test
  void shouldRaiseOneRegressionWithinTwoMinutesWhenADeployTakesFailuresFromOneToTenPercent() {
    LambdaTraffic fn = new LambdaTraffic("orders-api", 7);
    try (DeployWatchDriver driver = new DeployWatchDriver(SETTINGS, T0)) {
      traffic(driver, fn, T0, DEPLOY, 50, 0.01);
      driver.pipe(DeployFixtures.trail("publishVersion", DEPLOY, "ev-bad"));
      traffic(driver, fn, DEPLOY, DEPLOY.plus(Duration.ofMinutes(3)), 50, 0.10);
    }
    assertThat(deployments)
        .extracting(d -> d.verdict().status())
        .containsExactly(VerdictStatus.PENDING, VerdictStatus.REGRESSION);
    Deployment judged = last();
    assertThat(judged.evidence()).containsExactly("/aws/lambda/orders-api");
    assertThat(judged.verdict().afterSeconds()).isLessThanOrEqualTo(120);
    assertThat(judged.verdict().baseline().errorRatio()).isBetween(0.005, 0.015);
    assertThat(judged.verdict().after().errorRatio()).isGreaterThan(0.05);
    assertThat(judged.verdict().baseline().invocations()).isGreaterThan(14_000);
    assertThat(alerts)
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule().id()).isEqualTo("deploy-regression");
              assertThat(alert.rule().severity()).isEqualTo(Severity.HIGH);
              assertThat(alert.id()).isEqualTo(judged.verdict().alertId());
              assertThat(alert.title()).contains("42 of orders-api regressed");
              DeployContext deploy = DeployContext.in(alert.context());
              assertThat(deploy.id()).isEqualTo(judged.id());
              assertThat(deploy.actor()).isEqualTo("github-actions-orders");
              assertThat(deploy.secondsAfterDeploy()).isEqualTo(judged.verdict().afterSeconds());
            });
    AlertContract.assertValid(alerts);
  }

  @Test
  void shouldVerifyACleanDeployAtTheWindowsEndWithoutAnAlert() {
    LambdaTraffic fn = new LambdaTraffic("orders-api", 11);
    try (DeployWatchDriver driver = new DeployWatchDriver(SETTINGS, T0)) {
      traffic(driver, fn, T0, DEPLOY, 5, 0.01);
      driver.pipe(DeployFixtures.trail("updateFunctionCode", DEPLOY, "ev-clean"));
      traffic(driver, fn, DEPLOY, DEPLOY.plus(Duration.ofMinutes(11)), 5, 0.01);
    }
    assertThat(last().verdict().status()).isEqualTo(VerdictStatus.VERIFIED);
    assertThat(last().verdict().afterSeconds()).isBetween(600L, 630L);
    assertThat(last().verdict().after().invocations()).isGreaterThan(2_800);
    assertThat(last().verdict().test()).contains("one-sided binomial").contains("errors");
    assertThat(alerts).isEmpty();
  }

  @Test
  void shouldLeaveTheVerdictPendingWhenTooLittleTrafficCameToJudge() {
    LambdaTraffic fn = new LambdaTraffic("orders-api", 13);
    try (DeployWatchDriver driver = new DeployWatchDriver(SETTINGS, T0)) {
      traffic(driver, fn, T0, DEPLOY, 0.05, 0.01);
      driver.pipe(DeployFixtures.trail("updateFunctionCode", DEPLOY, "ev-quiet"));
      traffic(driver, fn, DEPLOY, DEPLOY.plus(Duration.ofMinutes(13)), 0.05, 0.01);
    }
    assertThat(last().verdict().status()).isEqualTo(VerdictStatus.PENDING);
    assertThat(last().verdict().decidedAt()).isNotNull();
    assertThat(last().verdict().test()).startsWith("inconclusive");
    assertThat(alerts).isEmpty();
  }

  @Test
  void shouldRaiseDeployFailedWithTheFirstFailedResourceWhenAStackRollsBack() {
    LambdaTraffic fn = new LambdaTraffic("orders-api", 17);
    Instant at = DEPLOY;
    try (DeployWatchDriver driver = new DeployWatchDriver(SETTINGS, T0)) {
      traffic(driver, fn, T0.plus(Duration.ofMinutes(4)), at, 5, 0.01);
      driver.pipe(DeployFixtures.trail("updateStack", at, "ev-stack"));
      driver.pipe(stack("s1", at.plusSeconds(1), null, null, "UPDATE_IN_PROGRESS", null));
      driver.pipe(
          stack(
              "s2",
              at.plusSeconds(20),
              "OrdersFunction",
              "orders-api",
              "UPDATE_FAILED",
              "Resource handler returned message: \"Unzipped size must be smaller than 262144000 bytes\""));
      driver.pipe(
          stack(
              "s3",
              at.plusSeconds(21),
              "OrdersTable",
              "orders",
              "UPDATE_FAILED",
              "Resource update cancelled"));
      driver.pipe(
          stack(
              "s4",
              at.plusSeconds(22),
              null,
              null,
              "UPDATE_ROLLBACK_IN_PROGRESS",
              "The following resource(s) failed to update: [OrdersFunction]."));
      driver.pipe(stack("s5", at.plusSeconds(60), null, null, "UPDATE_ROLLBACK_COMPLETE", null));
      traffic(driver, fn, at, at.plusSeconds(90), 5, 0.01);
    }
    Deployment failed = last();
    assertThat(failed.id()).isEqualTo("cloudformation:123456789012:eu-west-1:orders:ev-stack");
    assertThat(failed.outcome().status()).isEqualTo(OutcomeStatus.ROLLED_BACK);
    assertThat(failed.outcome().failedResource()).isEqualTo("OrdersFunction");
    assertThat(failed.outcome().reason()).contains("Unzipped size must be smaller");
    assertThat(failed.evidence()).contains("/aws/lambda/orders-api");
    assertThat(failed.verdict().status()).isEqualTo(VerdictStatus.FAILED);
    assertThat(alerts)
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule().id()).isEqualTo("deploy-failed");
              assertThat(alert.title()).contains("orders").contains("OrdersFunction failed");
              assertThat(alert.summary()).contains("Unzipped size");
              assertThat(alert.id()).isEqualTo(failed.verdict().alertId());
            });
    AlertContract.assertValid(alerts);
  }

  @Test
  void shouldWatchTheLambdaFunctionsOfAStackThatCompleted() {
    LambdaTraffic fn = new LambdaTraffic("orders-api", 19);
    try (DeployWatchDriver driver = new DeployWatchDriver(SETTINGS, T0)) {
      traffic(driver, fn, T0, DEPLOY, 20, 0.01);
      driver.pipe(stack("u1", DEPLOY, null, null, "UPDATE_IN_PROGRESS", null));
      driver.pipe(
          stack(
              "u2",
              DEPLOY.plusSeconds(5),
              "OrdersFunction",
              "orders-api",
              "UPDATE_COMPLETE",
              null));
      driver.pipe(stack("u3", DEPLOY.plusSeconds(30), null, null, "UPDATE_COMPLETE", null));
      traffic(driver, fn, DEPLOY, DEPLOY.plus(Duration.ofMinutes(5)), 20, 0.12);
    }
    Deployment judged = last();
    assertThat(judged.action()).isEqualTo("UpdateStack");
    assertThat(judged.outcome().status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(judged.evidence()).containsExactly("/aws/lambda/orders-api");
    assertThat(judged.verdict().status()).isEqualTo(VerdictStatus.REGRESSION);
    assertThat(judged.verdict().after().from()).isAfterOrEqualTo(DEPLOY.plusSeconds(30));
    assertThat(alerts).extracting(a -> a.rule().id()).containsExactly("deploy-regression");
  }

  static DeploymentSettings settings(Duration baseline) {
    DeploymentSettings d = DeploymentSettings.defaults();
    return new DeploymentSettings(
        true,
        d.lookBack(),
        d.window(),
        baseline,
        d.alpha(),
        d.minRatio(),
        d.minIncrease(),
        d.minInvocations(),
        null,
        java.util.Map.of(),
        d.releaseSpan());
  }

  private static CloudTrailEvent stack(
      String id, Instant at, String logicalId, String physicalId, String status, String reason) {
    return DeployFixtures.stackStatus(
        id,
        at,
        "orders",
        logicalId,
        physicalId,
        logicalId == null ? null : "AWS::Lambda::Function",
        status,
        reason);
  }
}
