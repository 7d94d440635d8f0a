package io.tocsin.ingest.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.config.ConfigException;
import io.tocsin.config.KinesisSettings;
import io.tocsin.emulators.LocalKinesis;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The start-up check of the Kinesis source names a missing stream, and accepts a new table. */
class KinesisPreflightIT {

  private static LocalKinesis aws;

  @BeforeAll
  static void start() {
    aws = LocalKinesis.start();
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @Test
  void shouldNameAStreamThatDoesNotExistInOneLine() {
    KinesisSettings settings = aws.settings("preflight-app", "w", List.of("no-such-stream"));

    assertThatThrownBy(() -> KinesisPreflight.check(settings, line -> {}))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "kinesis.streams: Kinesis stream 'no-such-stream' does not exist in region us-east-1");
  }

  @Test
  void shouldAcceptExistingStreamsAndALeaseTableTheKclWillCreate() {
    aws.kinesis().createStream("preflight-orders", 1);
    KinesisSettings settings = aws.settings("preflight-new-app", "w", List.of("preflight-orders"));
    List<String> said = new CopyOnWriteArrayList<>();

    KinesisPreflight.check(settings, said::add);

    assertThat(said)
        .containsExactly(
            "lease table preflight-new-app does not exist yet: the KCL creates it (needs"
                + " dynamodb:CreateTable)");
  }
}
