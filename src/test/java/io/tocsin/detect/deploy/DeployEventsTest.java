package io.tocsin.detect.deploy;

import static io.tocsin.detect.deploy.DeployFixtures.call;
import static io.tocsin.detect.deploy.DeployFixtures.trail;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.Deployment;
import io.tocsin.model.Deployment.Kind;
import io.tocsin.model.Deployment.OutcomeStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each deploying CloudTrail call becomes a deployment with the fields its record carries. */
class DeployEventsTest {

  private static Deployment deployment(String fixture) {
    return DeployEvents.of(trail(call(fixture))).orElseThrow();
  }

  @Test
  void shouldLearnALambdaCodeUpdateWithItsActorAndCodeHash() {
    Deployment d = deployment("updateFunctionCode");
    assertThat(d.kind()).isEqualTo(Kind.LAMBDA);
    assertThat(d.action()).isEqualTo("UpdateFunctionCode");
    assertThat(d.resource()).isEqualTo("orders-api");
    assertThat(d.version()).as("$LATEST is no version").isNull();
    assertThat(d.codeSha256()).isEqualTo("mB0Kq0m2yq1bX4vZ8s3Jp0lR7cVd9eFgHiJkLmNoPqU=");
    assertThat(d.actor())
        .isEqualTo(new Deployment.Actor("arn:aws:iam::123456789012:user/alice", "alice"));
    assertThat(d.id())
        .isEqualTo("lambda:123456789012:eu-west-1:orders-api:e1a4c9a0-1111-4a5b-8c9d-0e1f2a3b4c5d");
    assertThat(d.time()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
    assertThat(d.outcome().status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(d.resources())
        .singleElement()
        .satisfies(t -> assertThat(t.type()).isEqualTo("AWS::Lambda::Function"));
  }

  @Test
  void shouldKeyAPublishedVersionByItsNumberAndNameTheSessionAsActor() {
    Deployment d = deployment("publishVersion");
    assertThat(d.action()).isEqualTo("PublishVersion");
    assertThat(d.resource()).as("from the function ARN").isEqualTo("orders-api");
    assertThat(d.version()).isEqualTo("42");
    assertThat(d.id()).isEqualTo("lambda:123456789012:eu-west-1:orders-api:42");
    assertThat(d.actor().name()).isEqualTo("github-actions-orders");
  }

  @Test
  void shouldTakeTheAliasTargetVersionOfAnAliasUpdate() {
    Deployment d = deployment("updateAlias");
    assertThat(d.action()).isEqualTo("UpdateAlias");
    assertThat(d.version()).isEqualTo("42");
    assertThat(d.id()).endsWith(":orders-api:e1a4c9a0-3333-4a5b-8c9d-0e1f2a3b4c5d");
  }

  @Test
  void shouldLearnAConfigurationUpdate() {
    Deployment d = deployment("updateFunctionConfiguration");
    assertThat(d.action()).isEqualTo("UpdateFunctionConfiguration");
    assertThat(d.resource()).isEqualTo("billing-worker");
  }

  @Test
  void shouldIgnoreFailedCallsAndCallsThatDeployNothing() {
    assertThat(DeployEvents.of(trail(call("failedUpdateFunctionCode")))).isEmpty();
    assertThat(DeployEvents.of(trail(call("getFunction")))).isEmpty();
  }

  @Test
  void shouldLearnAnApiGatewayDeploymentAndStageUpdate() {
    Deployment created = deployment("apiGatewayCreateDeployment");
    assertThat(created.kind()).isEqualTo(Kind.APIGATEWAY);
    assertThat(created.resource()).isEqualTo("a1b2c3d4e5/prod");
    assertThat(created.version()).isEqualTo("k7x9q2");
    assertThat(created.id()).isEqualTo("apigateway:123456789012:eu-west-1:a1b2c3d4e5/prod:k7x9q2");
    Deployment stage = deployment("apiGatewayUpdateStage");
    assertThat(stage.action()).isEqualTo("UpdateStage");
    assertThat(stage.resource()).isEqualTo("a1b2c3d4e5/prod");
  }

  @Test
  void shouldLearnStackUpdatesInProgressWithTheStackAndChangeSet() {
    Deployment update = deployment("updateStack");
    assertThat(update.kind()).isEqualTo(Kind.CLOUDFORMATION);
    assertThat(update.stack()).isEqualTo("orders");
    assertThat(update.outcome().status()).isEqualTo(OutcomeStatus.IN_PROGRESS);
    assertThat(update.resources().get(0).arn()).startsWith("arn:aws:cloudformation:eu-west-1:");
    Deployment changeSet = deployment("executeChangeSet");
    assertThat(changeSet.action()).isEqualTo("ExecuteChangeSet");
    assertThat(changeSet.resource()).isEqualTo("orders");
    assertThat(changeSet.version()).isEqualTo("release-42");
  }

  @Test
  void shouldLearnEcsServiceUpdatesAndCodeDeployDeployments() {
    Deployment ecs = deployment("ecsUpdateService");
    assertThat(ecs.kind()).isEqualTo(Kind.ECS);
    assertThat(ecs.resource()).isEqualTo("web");
    assertThat(ecs.version()).isEqualTo("web:17");
    Deployment codeDeploy = deployment("codeDeployCreateDeployment");
    assertThat(codeDeploy.kind()).isEqualTo(Kind.CODEDEPLOY);
    assertThat(codeDeploy.resource()).isEqualTo("checkout");
    assertThat(codeDeploy.version()).isEqualTo("d-AB12CD34E");
    assertThat(codeDeploy.resources().get(0).name()).isEqualTo("checkout/prod");
  }
}
