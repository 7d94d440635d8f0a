package io.tocsin.detect.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.DeploymentSettings;
import io.tocsin.detect.DetectionTopology;
import io.tocsin.model.Alert;
import io.tocsin.model.DeployContext;
import io.tocsin.model.Deployment;
import io.tocsin.rules.RuleLoader;
import io.tocsin.testing.DetectionDriver;
import io.tocsin.testing.LogLines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The detection app's alerts tied to deploys: an alert on a log group carries the latest deploy of
 * that group made within the look-back before the alert started, and no other.
 */
class DeployLookupTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final String TIMEOUT =
      "2ea49a23-ff39-4bf5-8761-439f99b7c5f6 Task timed out after 3.00 seconds";

  private final LogLines lines = new LogLines();
  private DetectionDriver driver;

  @BeforeEach
  void start() {
    driver =
        new DetectionDriver(
            DetectionTopology.build(
                RuleLoader.load(List.of()), null, DeploymentSettings.defaults()),
            T0);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void shouldTieAnAlertToTheDeployOfItsLogGroup() {
    driver.pipe(deploy("orders-api", "42", T0));
    driver.pipe(lines.line("/aws/lambda/orders-api", T0.plusSeconds(90), TIMEOUT));

    DeployContext deploy = DeployContext.in(single().context());
    assertThat(deploy).isNotNull();
    assertThat(deploy.id()).isEqualTo("lambda:123456789012:eu-west-1:orders-api:42");
    assertThat(deploy.resource()).isEqualTo("orders-api");
    assertThat(deploy.actor()).isEqualTo("github-actions-orders");
    assertThat(deploy.secondsAfterDeploy()).isEqualTo(90);
    assertThat(deploy.phrase())
        .isEqualTo("started 90 s after deploy 42 of orders-api by github-actions-orders");
  }

  @Test
  void shouldNameTheLatestDeployBeforeTheAlertStarted() {
    driver.pipe(deploy("orders-api", "41", T0.minus(Duration.ofMinutes(20))));
    driver.pipe(deploy("orders-api", "42", T0));
    driver.pipe(deploy("orders-api", "43", T0.plus(Duration.ofMinutes(5))));
    driver.pipe(lines.line("/aws/lambda/orders-api", T0.plusSeconds(30), TIMEOUT));

    assertThat(DeployContext.in(single().context()).version()).isEqualTo("42");
  }

  @Test
  void shouldLeaveAlertsWithoutADeployInTheLookBackAlone() {
    driver.pipe(deploy("orders-api", "42", T0.minus(Duration.ofMinutes(61))));
    driver.pipe(lines.line("/aws/lambda/orders-api", T0, TIMEOUT));
    driver.pipe(lines.line("/aws/lambda/billing-worker", T0, TIMEOUT));

    List<Alert> alerts = driver.alerts();
    assertThat(alerts).hasSize(2);
    assertThat(alerts).allSatisfy(a -> assertThat(DeployContext.in(a.context())).isNull());
  }

  private Alert single() {
    List<Alert> alerts = driver.alerts();
    assertThat(alerts).hasSize(1);
    return alerts.get(0);
  }

  /** A PublishVersion of {@code function} as the deploy watch publishes it, evidence included. */
  private static Deployment deploy(String function, String version, Instant at) {
    Deployment learned =
        DeployEvents.of(DeployFixtures.publishVersion(function, version, at, "ev-" + version))
            .orElseThrow();
    return new EvidenceMap(DeploymentSettings.defaults()).withEvidence(learned);
  }
}
