package io.tocsin.ingest.kinesis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tocsin.config.ConfigException;
import io.tocsin.config.KinesisSettings;
import io.tocsin.emulators.LocalKinesis;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The start-up check of the Kinesis source against the kinesis-local and dynalite emulators: a
 * missing stream and a missing lease table, and — from a DynamoDB stand-in that answers as AWS
 * does, since the emulators accept any credentials — refused credentials and a denied lease table,
 * each one line naming the key.
 */
class KinesisPreflightIT {

  @RegisterExtension
  static WireMockExtension awsStandIn =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static LocalKinesis local;

  @BeforeAll
  static void startEmulators() {
    local = LocalKinesis.start();
    local.kinesis().createStream("present", 1);
  }

  @AfterAll
  static void stopEmulators() {
    local.close();
  }

  @Test
  void shouldNameAStreamThatDoesNotExist() {
    KinesisSettings settings =
        local.settings("preflight-missing", "w", List.of("present", "absent"));

    assertThatThrownBy(() -> KinesisPreflight.check(settings, line -> {}))
        .isInstanceOf(ConfigException.class)
        .hasMessage("kinesis.streams: Kinesis stream 'absent' does not exist in region us-east-1");
  }

  @Test
  void shouldSayTheKclCreatesALeaseTableThatDoesNotExistYet() {
    KinesisSettings settings = local.settings("preflight-fresh", "w", List.of("present"));
    List<String> said = new CopyOnWriteArrayList<>();

    KinesisPreflight.check(settings, said::add);

    assertThat(said)
        .containsExactly(
            "lease table preflight-fresh does not exist yet: the KCL creates it (needs"
                + " dynamodb:CreateTable)");
  }

  @Test
  void shouldSayAwsRefusedTheCredentials() {
    answerDynamo(
        "com.amazon.coral.service#UnrecognizedClientException",
        "The security token included in the request is invalid.");

    assertThatThrownBy(() -> KinesisPreflight.check(standInDynamo("preflight-creds"), line -> {}))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "kinesis: AWS refused tocsin's credentials for DynamoDB lease table 'preflight-creds'"
                + " in region us-east-1 (UnrecognizedClientException: The security token included"
                + " in the request is invalid.); check the default credential chain (AWS_*"
                + " environment, profile, the pod's role)");
  }

  @Test
  void shouldNameALeaseTableTheCredentialsMayNotRead() {
    answerDynamo(
        "com.amazonaws.dynamodb.v20120810#AccessDeniedException",
        "User: arn:aws:sts::123456789012:assumed-role/tocsin/i-0 is not authorized to perform:"
            + " dynamodb:DescribeTable on resource: table/preflight-denied");

    assertThatThrownBy(() -> KinesisPreflight.check(standInDynamo("preflight-denied"), line -> {}))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "kinesis.lease_table: DynamoDB lease table 'preflight-denied' in region us-east-1"
                + " cannot be read with tocsin's credentials (AccessDeniedException: User:")
        .hasMessageContaining("dynamodb:DescribeTable")
        .hasMessageNotContaining("\n");
  }

  private static void answerDynamo(String type, String message) {
    awsStandIn.stubFor(
        post("/")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.0")
                    .withHeader("x-amzn-RequestId", "preflight-it")
                    .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}")));
  }

  /** Settings reading the real emulated stream, with DynamoDB at the stand-in. */
  private static KinesisSettings standInDynamo(String application) {
    KinesisSettings s = local.settings(application, "w", List.of("present"));
    return new KinesisSettings(
        s.streams(),
        s.region(),
        s.kinesisEndpoint(),
        awsStandIn.baseUrl(),
        s.retrievalMode(),
        s.applicationName(),
        s.leaseTable(),
        s.initialPosition(),
        s.workerId(),
        s.publishMetrics(),
        s.maxRecords(),
        s.pollInterval(),
        s.failoverTime(),
        s.shardSyncInterval(),
        s.shutdownTimeout(),
        s.stallAfter(),
        s.deadAfter());
  }
}
