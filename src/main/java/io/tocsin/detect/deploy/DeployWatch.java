package io.tocsin.detect.deploy;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.config.DeploymentSettings;
import io.tocsin.detect.AlertSink;
import io.tocsin.detect.DetectMetrics;
import io.tocsin.detect.Fingerprints;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Deployment;
import io.tocsin.model.Deployment.VerdictStatus;
import io.tocsin.model.LogEvent;
import io.tocsin.topics.JsonSerde;
import io.tocsin.topics.LogEventSerde;
import io.tocsin.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The post-deployment watch, its own Streams application (like the heartbeat) so it keeps judging
 * deploys whatever detection does: deployments learned from {@code tocsin.cloudtrail.v1}, traffic
 * thinned from {@code tocsin.logs.v1} to one record per log group and 10 s, both gathered on one
 * partition where {@link DeployWatchProcessor} judges each deploy. Every state change of a
 * deployment goes to {@code tocsin.deployments.v1}; a regression or a failed stack also raises an
 * alert on {@code tocsin.alerts.v1}.
 */
public final class DeployWatch {

  /** The Streams application's name (its id suffix and metrics tag). */
  public static final String NAME = "deploywatch";

  private static final String HISTORY = "deploywatch-traffic";
  private static final String WATCHED = "deploywatch-deployments";
  private static final String RELEASES = "deploywatch-releases";
  private static final Deserializer<CloudTrailEvent> CLOUDTRAIL_VALUES =
      Topics.CLOUDTRAIL.valueSerde().deserializer();

  private DeployWatch() {}

  /**
   * Adds the watch configured by {@code settings} to {@code builder}, counting its alerts in {@code
   * registry} when it is not {@code null}.
   */
  public static void build(
      StreamsBuilder builder, DeploymentSettings settings, MeterRegistry registry) {
    KStream<String, WatchInput> traffic =
        builder.stream(
                Topics.LOGS.name(),
                Consumed.with(Topics.LOGS.keySerde(), Serdes.ByteArray())
                    .withName(NAME + "-logs-source"))
            .filter((group, value) -> LambdaSignals.mayCarry(value), Named.as(NAME + "-signals"))
            .flatMapValues(DeployWatch::lineOf, Named.as(NAME + "-lines"))
            .process(TrafficThinner::new, Named.as(NAME + "-thin"))
            .mapValues(WatchInput::of, Named.as(NAME + "-traffic"));
    KStream<String, WatchInput> deploys =
        builder.stream(
                Topics.CLOUDTRAIL.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray())
                    .withName(NAME + "-cloudtrail-source"))
            .filter((key, value) -> DeploySources.mayConcern(value), Named.as(NAME + "-sources"))
            .flatMapValues(DeployWatch::deployOf, Named.as(NAME + "-deploys"));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(HISTORY),
                Serdes.String(),
                JsonSerde.of(TrafficBucket.class))
            .withCachingEnabled()
            .withLoggingEnabled(Map.of()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WATCHED),
                Serdes.String(),
                JsonSerde.of(Deployment.class))
            .withLoggingEnabled(Map.of()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RELEASES),
                Serdes.String(),
                JsonSerde.of(Releases.Release.class))
            .withLoggingEnabled(Map.of()));
    KStream<String, Deployment> deployments =
        traffic
            .merge(deploys, Named.as(NAME + "-merge"))
            .repartition(
                Repartitioned.<String, WatchInput>as(NAME + "-inputs")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(JsonSerde.of(WatchInput.class))
                    .withNumberOfPartitions(1))
            .process(
                () -> new DeployWatchProcessor(settings, HISTORY, WATCHED, RELEASES),
                Named.as(NAME + "-judge"),
                HISTORY,
                WATCHED,
                RELEASES);
    deployments.to(
        Topics.DEPLOYMENTS.name(), Topics.DEPLOYMENTS.produced(NAME + "-deployments-sink"));
    AlertSink.to(
        deployments
            .filter((id, d) -> raisesAlert(d), Named.as(NAME + "-judged"))
            .map(
                (id, d) ->
                    org.apache.kafka.streams.KeyValue.pair(
                        Fingerprints.of(DeployAlerts.ruleOf(d.verdict().status()), id),
                        DeployAlerts.of(d)),
                Named.as(NAME + "-alert")),
        NAME,
        DetectMetrics.of(registry));
  }

  /** The log line in a value that may carry a signal; none when it does not decode. */
  private static List<LogEvent> lineOf(byte[] value) {
    try {
      return List.of(LogEventSerde.fromBytes(value));
    } catch (SerializationException notALogEvent) {
      return List.of();
    }
  }

  /**
   * The deployment or stack change in a CloudTrail value that may be one; none when it is not, or
   * does not decode (the detection application dead-letters such a record).
   */
  private static List<WatchInput> deployOf(byte[] value) {
    CloudTrailEvent e;
    try {
      e = CLOUDTRAIL_VALUES.deserialize(Topics.CLOUDTRAIL.name(), value);
    } catch (SerializationException notCloudTrail) {
      return List.of();
    }
    return DeployEvents.of(e)
        .map(WatchInput::of)
        .or(() -> StackEvent.of(e).map(WatchInput::of))
        .stream()
        .toList();
  }

  private static boolean raisesAlert(Deployment deployment) {
    return Optional.ofNullable(deployment.verdict())
        .map(v -> v.status() == VerdictStatus.REGRESSION || v.status() == VerdictStatus.FAILED)
        .orElse(false);
  }
}
