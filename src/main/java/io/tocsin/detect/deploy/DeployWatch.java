package io.tocsin.detect.deploy;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.config.DeploymentSettings;
import io.tocsin.detect.AlertSink;
import io.tocsin.detect.DetectMetrics;
import io.tocsin.detect.Fingerprints;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Deployment;
import io.tocsin.model.Deployment.VerdictStatus;
import io.tocsin.topics.JsonSerde;
import io.tocsin.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The post-deployment watch, part of the detection application so that each input record is read
 * and decoded once (as an application of its own it read all of {@code tocsin.logs.v1} a second
 * time): deployments learned from {@code tocsin.cloudtrail.v1}, traffic thinned from {@code
 * tocsin.logs.v1} to one record per log group and 10 s, both gathered on one partition where {@link
 * DeployWatchProcessor} judges each deploy. Every state change of a deployment goes to {@code
 * tocsin.deployments.v1}; a regression or a failed stack also raises an alert on {@code
 * tocsin.alerts.v1}.
 */
public final class DeployWatch {

  /** The watch's name: the prefix of its nodes and stores, and its alerts' metrics tag. */
  public static final String NAME = "deploywatch";

  private static final String HISTORY = "deploywatch-traffic";
  private static final String WATCHED = "deploywatch-deployments";
  private static final String RELEASES = "deploywatch-releases";

  /** The repartition (name without its {@code -repartition} suffix) carrying thinned traffic. */
  static final String TRAFFIC_INPUT = NAME + "-traffic-input";

  /** The repartition carrying deployments and stack changes. */
  static final String DEPLOY_INPUT = NAME + "-deploy-input";

  private DeployWatch() {}

  /**
   * Adds the watch configured by {@code settings} to {@code builder}, counting its alerts in {@code
   * registry} when it is not {@code null}.
   */
  public static void build(
      StreamsBuilder builder, DeploymentSettings settings, MeterRegistry registry) {
    // The same sources as the detectors': Streams merges them, so each record is read and decoded
    // once for both.
    KStream<String, WatchInput> traffic =
        builder.stream(Topics.LOGS.name(), Topics.LOGS.consumed("logs-source"))
            .filter(
                (group, event) -> event != null && LambdaSignals.carries(event.message()),
                Named.as(NAME + "-signals"))
            .process(TrafficThinner::new, Named.as(NAME + "-thin"))
            .mapValues(WatchInput::of, Named.as(NAME + "-traffic"));
    KStream<String, WatchInput> deploys =
        builder.stream(Topics.CLOUDTRAIL.name(), Topics.CLOUDTRAIL.consumed("cloudtrail-source"))
            .filter((key, event) -> DeployEvents.mayConcern(event), Named.as(NAME + "-sources"))
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
    // Each input crosses to the judge on its own topic: merged before, the log and CloudTrail
    // sources would share one sub-topology, tying their partitions and stream time together.
    KStream<String, Deployment> deployments =
        toJudge(traffic, TRAFFIC_INPUT)
            .merge(toJudge(deploys, DEPLOY_INPUT), Named.as(NAME + "-merge"))
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

  /** The deployment or stack change {@code event} is, if any. */
  private static List<WatchInput> deployOf(CloudTrailEvent event) {
    return DeployEvents.of(event)
        .map(WatchInput::of)
        .or(() -> StackEvent.of(event).map(WatchInput::of))
        .stream()
        .toList();
  }

  /** {@code inputs} on the one partition where the judge reads them. */
  private static KStream<String, WatchInput> toJudge(
      KStream<String, WatchInput> inputs, String name) {
    return inputs.repartition(
        Repartitioned.<String, WatchInput>as(name)
            .withKeySerde(Serdes.String())
            .withValueSerde(JsonSerde.of(WatchInput.class))
            .withNumberOfPartitions(1));
  }

  private static boolean raisesAlert(Deployment deployment) {
    return Optional.ofNullable(deployment.verdict())
        .map(v -> v.status() == VerdictStatus.REGRESSION || v.status() == VerdictStatus.FAILED)
        .orElse(false);
  }
}
