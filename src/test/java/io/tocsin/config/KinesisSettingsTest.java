package io.tocsin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KinesisSettings: documented defaults and exact messages for every invalid field. */
class KinesisSettingsTest {

  private static final KinesisSettings D = KinesisSettings.defaults();

  @Test
  void shouldDefaultToNoStreamsPollingFromLatestWithAStableWorkerId() {
    assertThat(D.enabled()).isFalse();
    assertThat(D.fanOut()).isFalse();
    assertThat(D.localMode()).isFalse();
    assertThat(D.leaseTableName()).isEqualTo("tocsin-ingest");
    assertThat(D.initialPosition()).isEqualTo("latest");
    assertThat(D.initialTimestamp()).isEmpty();
    assertThat(D.workerId()).isNotBlank().isEqualTo(KinesisSettings.defaults().workerId());
    assertThat(D.publishMetrics()).isFalse();
    assertThat(D.maxRecords()).isEqualTo(10_000);
    assertThat(D.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldTakeTheRegionFromStreamArns() {
    KinesisSettings s =
        with(List.of("arn:aws:kinesis:eu-west-1:123456789012:stream/logs", "trail"), "", "", "");

    assertThat(s.region()).isEqualTo("eu-west-1");
    assertThat(s.enabled()).isTrue();
  }

  @Test
  void shouldEnterLocalModeOnlyWithBothEndpointsOnLoopback() {
    assertThat(with(List.of("s"), "", "http://127.0.0.1:4568", "http://localhost:8000").localMode())
        .isTrue();
    assertThatThrownBy(() -> with(List.of("s"), "", "http://127.0.0.1:4568", ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "dynamodb_endpoint: expected kinesis_endpoint and dynamodb_endpoint both on loopback");
    assertThat(
            with(List.of("s"), "", "https://vpce-1.kinesis.eu-west-1.vpce.amazonaws.com", "")
                .localMode())
        .isFalse();
  }

  @Test
  void shouldRejectEachInvalidFieldWithItsKey() {
    assertRejected(
        () -> with(List.of("bad name"), "", "", ""), "streams.0: expected a stream name or arn");
    assertRejected(() -> with(List.of("a", "a"), "", "", ""), "streams: expected each stream once");
    assertRejected(() -> with(List.of("a"), "mars", "", ""), "region: expected an AWS region");
    assertRejected(
        () -> with(List.of("arn:aws:kinesis:eu-west-1:123456789012:stream/x"), "us-east-1", "", ""),
        "streams: expected every stream in region us-east-1");
    assertRejected(
        () -> with(List.of("a"), "", "ftp://x", ""),
        "kinesis_endpoint: expected an http(s)://host[:port] URL, got 'ftp://x'");
    assertRejected(
        () -> copy("push", "latest", 10, Duration.ofSeconds(1)),
        "retrieval_mode: expected polling or fanout, got 'push'");
    assertRejected(
        () -> copy("polling", "yesterday", 10, Duration.ofSeconds(1)),
        "initial_position: expected latest, trim_horizon or an ISO-8601 instant");
    assertRejected(
        () -> copy("polling", "latest", 0, Duration.ofSeconds(1)),
        "max_records: expected a whole number from 1 to 10000, got 0");
    assertRejected(
        () -> copy("polling", "latest", 10, Duration.ofMillis(10)),
        "poll_interval: expected a duration from 200ms to 1m, got 10ms");
  }

  @Test
  void shouldParseATimestampInitialPosition() {
    KinesisSettings s = copy("fanout", "2024-01-01T00:00:00Z", 10, Duration.ofSeconds(1));

    assertThat(s.initialTimestamp()).contains(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(s.fanOut()).isTrue();
  }

  @Test
  void shouldWriteOnlyItsSnakeCaseKeysSoTheConfigLoaderCanReadItsOwnDefaults() {
    var mapper =
        com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .propertyNamingStrategy(
                com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .build();

    var tree = mapper.valueToTree(D);

    assertThat(iterable(tree.fieldNames()))
        .containsExactly(
            "streams",
            "region",
            "kinesis_endpoint",
            "dynamodb_endpoint",
            "retrieval_mode",
            "application_name",
            "lease_table",
            "initial_position",
            "worker_id",
            "publish_metrics",
            "max_records",
            "poll_interval",
            "failover_time",
            "shard_sync_interval",
            "shutdown_timeout",
            "stall_after",
            "dead_after");
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> names = new java.util.ArrayList<>();
    it.forEachRemaining(names::add);
    return names;
  }

  private static void assertRejected(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
  }

  private static KinesisSettings with(
      List<String> streams, String region, String kinesis, String dynamo) {
    return new KinesisSettings(
        streams,
        region,
        kinesis,
        dynamo,
        D.retrievalMode(),
        D.applicationName(),
        D.leaseTable(),
        D.initialPosition(),
        D.workerId(),
        D.publishMetrics(),
        D.maxRecords(),
        D.pollInterval(),
        D.failoverTime(),
        D.shardSyncInterval(),
        D.shutdownTimeout(),
        D.stallAfter(),
        D.deadAfter());
  }

  private static KinesisSettings copy(String mode, String position, int maxRecords, Duration poll) {
    return new KinesisSettings(
        List.of("s"),
        "",
        "",
        "",
        mode,
        D.applicationName(),
        "",
        position,
        "w",
        false,
        maxRecords,
        poll,
        D.failoverTime(),
        D.shardSyncInterval(),
        D.shutdownTimeout(),
        D.stallAfter(),
        D.deadAfter());
  }
}
