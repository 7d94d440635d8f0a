package io.tocsin.detect.deploy;

import io.tocsin.config.DeploymentSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Deployment;
import io.tocsin.model.LogEvent;
import io.tocsin.topics.JsonSerde;
import io.tocsin.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A {@link TopologyTestDriver} over the deploy watch, with explicit event and wall-clock time. */
final class DeployWatchDriver implements AutoCloseable {

  private final TopologyTestDriver driver;
  private final Path stateDir;
  private final TestInputTopic<String, LogEvent> logs;
  private final TestInputTopic<String, CloudTrailEvent> cloudTrail;
  private final TestInputTopic<String, WatchInput> watchInputs;
  private final TestOutputTopic<String, Deployment> deployments;
  private final TestOutputTopic<String, Alert> alerts;

  DeployWatchDriver(DeploymentSettings settings, Instant start) {
    StreamsBuilder builder = new StreamsBuilder();
    DeployWatch.build(builder, settings, null);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "deploywatch-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try {
      Path shm = Path.of("/dev/shm");
      stateDir =
          Files.isWritable(shm)
              ? Files.createTempDirectory(shm, "tocsin-deploy")
              : Files.createTempDirectory("tocsin-deploy");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(builder.build(), props, start);
    logs =
        driver.createInputTopic(
            Topics.LOGS.name(),
            Topics.LOGS.keySerde().serializer(),
            Topics.LOGS.valueSerde().serializer());
    cloudTrail =
        driver.createInputTopic(
            Topics.CLOUDTRAIL.name(),
            Topics.CLOUDTRAIL.keySerde().serializer(),
            Topics.CLOUDTRAIL.valueSerde().serializer());
    watchInputs =
        driver.createInputTopic(
            "deploywatch-test-" + DeployWatch.TRAFFIC_INPUT + "-repartition",
            new StringSerializer(),
            JsonSerde.of(WatchInput.class).serializer());
    deployments =
        driver.createOutputTopic(
            Topics.DEPLOYMENTS.name(),
            Topics.DEPLOYMENTS.keySerde().deserializer(),
            Topics.DEPLOYMENTS.valueSerde().deserializer());
    alerts =
        driver.createOutputTopic(
            Topics.ALERTS.name(),
            Topics.ALERTS.keySerde().deserializer(),
            Topics.ALERTS.valueSerde().deserializer());
  }

  void pipe(LogEvent event) {
    logs.pipeInput(event.logGroup(), event, Instant.ofEpochMilli(event.timestamp()));
  }

  /**
   * Pipes a bucket straight to the watch's input (as if thinned from its lines), stamped at its
   * last millisecond.
   */
  void pipe(TrafficBucket bucket) {
    watchInputs.pipeInput(
        bucket.logGroup(),
        WatchInput.of(bucket),
        Instant.ofEpochMilli(bucket.start() + TrafficBucket.MILLIS - 1));
  }

  void pipe(CloudTrailEvent event) {
    cloudTrail.pipeInput(event.account(), event, event.eventTime());
  }

  void advanceWallClock(Duration by) {
    driver.advanceWallClockTime(by);
  }

  /** Deployment state changes since the last call. */
  List<Deployment> deployments() {
    return deployments.readValuesToList();
  }

  /** Alerts since the last call. */
  List<Alert> alerts() {
    return alerts.readValuesToList();
  }

  @Override
  public void close() {
    driver.close();
    try (Stream<Path> files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
