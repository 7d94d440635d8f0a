package io.tocsin.detect.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.app.bench.Corpus;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The watch's look at undecoded CloudTrail values: it never drops a value that decodes to a
 * deployment or stack change, drops what surely is none, and lets through what it cannot read.
 */
class DeploySourcesTest {

  private static byte[] bytesOf(CloudTrailEvent event) {
    return Topics.CLOUDTRAIL.valueSerde().serializer().serialize("t", event);
  }

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
      assertThat(DeploySources.mayConcern(bytesOf(call))).as(name).isTrue();
    }
    CloudTrailEvent rollback =
        DeployFixtures.stackStatus(
            "s-1", Instant.EPOCH, "orders", null, null, null, "UPDATE_ROLLBACK_COMPLETE", null);
    assertThat(DeploySources.mayConcern(bytesOf(rollback))).isTrue();
  }

  @Test
  void shouldDropTheCloudTrailEventsOfOtherServicesAndAgreeWithTheDecoder() {
    int dropped = 0;
    for (CloudTrailEvent e : Corpus.generate(7, 0, 2_000, Instant.EPOCH).cloudTrail()) {
      boolean deploys = DeployEvents.of(e).isPresent() || StackEvent.of(e).isPresent();
      boolean kept = DeploySources.mayConcern(bytesOf(e));
      assertThat(kept || !deploys).as("a deployment dropped: " + e.eventName()).isTrue();
      dropped += kept ? 0 : 1;
    }
    assertThat(dropped).as("the bench corpus is mostly IAM, S3, EC2, KMS").isGreaterThan(1_500);
  }

  @Test
  void shouldLetThroughWhatItCannotReadAndDropNothingElse() {
    byte[] spaced = "{\"eventSource\" : \"iam.amazonaws.com\"}".getBytes(StandardCharsets.UTF_8);
    byte[] escaped =
        "{\"eventSource\":\"iam\\u002eamazonaws.com\"}".getBytes(StandardCharsets.UTF_8);
    byte[] cut = "{\"eventSource\":\"lambda.amaz".getBytes(StandardCharsets.UTF_8);
    byte[] other = "{\"eventSource\":\"iam.amazonaws.com\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(DeploySources.mayConcern(spaced)).isTrue();
    assertThat(DeploySources.mayConcern(escaped)).isTrue();
    assertThat(DeploySources.mayConcern(cut)).isTrue();
    assertThat(DeploySources.mayConcern(other)).isFalse();
    assertThat(DeploySources.mayConcern(null)).isFalse();
  }
}
