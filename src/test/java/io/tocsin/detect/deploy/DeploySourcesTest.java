package io.tocsin.detect.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.app.bench.Corpus;
import io.tocsin.model.CloudTrailEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The watch's first look at CloudTrail events, by event source: it never drops an event that is a
 * deployment or stack change, and drops most of the rest.
 */
class DeploySourcesTest {

  @Test
  void shouldLetThroughEveryDeployingCallOfTheFixturesAndStackChanges() {
    List<String> calls =
        List.of(
            "updateFunctionCode",
            "publishVersion",
            "updateAlias",
            "updateFunctionConfiguration",
            "apiGatewayCreateDeployment",
            "apiGatewayUpdateStage",
            "updateStack",
            "executeChangeSet",
            "ecsUpdateService",
            "codeDeployCreateDeployment");
    for (String name : calls) {
      CloudTrailEvent call = DeployFixtures.trail(DeployFixtures.call(name));
      assertThat(DeployEvents.of(call)).as(name + " deploys").isPresent();
      assertThat(DeployEvents.mayConcern(call)).as(name).isTrue();
    }
    CloudTrailEvent rollback =
        DeployFixtures.stackStatus(
            "s-1", Instant.EPOCH, "orders", null, null, null, "UPDATE_ROLLBACK_COMPLETE", null);
    assertThat(DeployEvents.mayConcern(rollback)).isTrue();
  }

  @Test
  void shouldDropTheCloudTrailEventsOfOtherServicesAndAgreeWithTheDecoder() {
    int dropped = 0;
    for (CloudTrailEvent e : Corpus.generate(7, 0, 2_000, Instant.EPOCH).cloudTrail()) {
      boolean deploys = DeployEvents.of(e).isPresent() || StackEvent.of(e).isPresent();
      boolean kept = DeployEvents.mayConcern(e);
      assertThat(kept || !deploys).as("a deployment dropped: " + e.eventName()).isTrue();
      dropped += kept ? 0 : 1;
    }
    assertThat(dropped).as("the bench corpus is mostly IAM, S3, EC2, KMS").isGreaterThan(1_500);
  }
}
