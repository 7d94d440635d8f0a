package io.tocsin.detect.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.DeploymentSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Deployment;
import io.tocsin.model.Deployment.VerdictStatus;
import io.tocsin.testing.AlertContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One release, one deployment: the calls of a Lambda release (UpdateFunctionCode, PublishVersion,
 * UpdateAlias) or an API Gateway one (CreateDeployment, UpdateStage), written from the CloudTrail
 * record format, fold into the deployment the first call started; calls further apart stay apart.
 */
class ReleaseFoldingTest {

  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
  private static final Instant DEPLOY = T0.plus(Duration.ofMinutes(5)).plusSeconds(3);
  private static final DeploymentSettings SETTINGS =
      DeployWatchTest.settings(Duration.ofMinutes(5));

  private final List<Deployment> deployments = new ArrayList<>();
  private final List<Alert> alerts = new ArrayList<>();

  @Test
  void shouldJudgeTheThreeCallsOfALambdaReleaseAsOneDeployment() {
    LambdaTraffic fn = new LambdaTraffic("orders-api", 7);
    try (DeployWatchDriver driver = new DeployWatchDriver(SETTINGS, T0)) {
      traffic(driver, fn, T0, DEPLOY, 0.01);
      driver.pipe(DeployFixtures.trail("updateFunctionCode", DEPLOY, "ev-code"));
      driver.pipe(DeployFixtures.trail("publishVersion", DEPLOY.plusSeconds(2), "ev-version"));
      driver.pipe(DeployFixtures.trail("updateAlias", DEPLOY.plusSeconds(4), "ev-alias"));
      traffic(driver, fn, DEPLOY, DEPLOY.plus(Duration.ofMinutes(3)), 0.10);
      collect(driver);
    }
    assertThat(deployments).extracting(Deployment::id).containsOnly(deployments.get(0).id());
    Deployment judged = deployments.get(deployments.size() - 1);
    assertThat(judged.verdict().status()).isEqualTo(VerdictStatus.REGRESSION);
    assertThat(judged.time()).isEqualTo(DEPLOY);
    assertThat(judged.action()).isEqualTo("UpdateFunctionCode");
    assertThat(judged.version()).isEqualTo("42");
    assertThat(judged.codeSha256()).isEqualTo("mB0Kq0m2yq1bX4vZ8s3Jp0lR7cVd9eFgHiJkLmNoPqU=");
    assertThat(judged.sourceEventIds()).containsExactly("ev-code", "ev-version", "ev-alias");
    assertThat(alerts)
        .singleElement()
        .satisfies(a -> assertThat(a.title()).startsWith("Deploy 42 of orders-api regressed"));
    AlertContract.assertValidDeployments(deployments);
  }

  @Test
  void shouldFoldAnApiGatewayDeploymentAndItsStageUpdate() {
    try (DeployWatchDriver driver = new DeployWatchDriver(SETTINGS, T0)) {
      driver.pipe(DeployFixtures.trail("apiGatewayCreateDeployment", DEPLOY, "ev-create"));
      driver.pipe(
          DeployFixtures.trail("apiGatewayUpdateStage", DEPLOY.plusSeconds(30), "ev-stage"));
      collect(driver);
    }
    assertThat(deployments).extracting(Deployment::id).containsOnly(deployments.get(0).id());
    Deployment release = deployments.get(deployments.size() - 1);
    assertThat(release.resource()).isEqualTo("a1b2c3d4e5/prod");
    assertThat(release.version()).isEqualTo("k7x9q2");
    assertThat(release.sourceEventIds()).containsExactly("ev-create", "ev-stage");
  }

  @Test
  void shouldKeepCallsFurtherApartThanTheReleaseSpanAsTwoDeployments() {
    try (DeployWatchDriver driver = new DeployWatchDriver(SETTINGS, T0)) {
      driver.pipe(DeployFixtures.publishVersion("orders-api", "42", DEPLOY, "ev-42"));
      driver.pipe(
          DeployFixtures.publishVersion(
              "orders-api", "43", DEPLOY.plus(SETTINGS.releaseSpan()).plusSeconds(1), "ev-43"));
      driver.pipe(DeployFixtures.publishVersion("billing-worker", "7", DEPLOY, "ev-7"));
      collect(driver);
    }
    assertThat(deployments.stream().map(Deployment::id).distinct())
        .containsExactly(
            "lambda:123456789012:eu-west-1:orders-api:42",
            "lambda:123456789012:eu-west-1:orders-api:43",
            "lambda:123456789012:eu-west-1:billing-worker:7");
  }

  @Test
  void shouldCountACallDeliveredTwiceOnce() {
    CloudTrailEvent alias = DeployFixtures.trail("updateAlias", DEPLOY.plusSeconds(4), "ev-alias");
    try (DeployWatchDriver driver = new DeployWatchDriver(SETTINGS, T0)) {
      driver.pipe(DeployFixtures.trail("publishVersion", DEPLOY, "ev-version"));
      driver.pipe(alias);
      driver.pipe(alias);
      collect(driver);
    }
    assertThat(deployments.get(deployments.size() - 1).sourceEventIds())
        .containsExactly("ev-version", "ev-alias");
  }

  private void traffic(
      DeployWatchDriver driver, LambdaTraffic fn, Instant from, Instant to, double failures) {
    for (Instant s = from; s.isBefore(to); s = s.plusSeconds(1)) {
      fn.second(s, 50, failures).forEach(driver::pipe);
    }
  }

  private void collect(DeployWatchDriver driver) {
    deployments.addAll(driver.deployments());
    alerts.addAll(driver.alerts());
  }
}
