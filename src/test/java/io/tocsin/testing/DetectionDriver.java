package io.tocsin.testing;

import io.tocsin.detect.DetectionTopology;
import io.tocsin.model.Alert;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Deployment;
import io.tocsin.model.LogEvent;
import io.tocsin.model.MinuteFigure;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A {@link TopologyTestDriver} over the production detection topology, with typed input and output
 * topics and explicit event and wall-clock time.
 */
public final class DetectionDriver implements AutoCloseable {

  private static final Path TMPFS = Path.of("/dev/shm");

  private final TopologyTestDriver driver;
  private final Path stateDir;
  private final TestInputTopic<String, LogEvent> logs;
  private final TestInputTopic<String, CloudTrailEvent> cloudTrail;
  private final TestOutputTopic<String, Alert> alerts;

  /** A driver for {@code rules}, with wall-clock time starting at {@code start}. */
  public DetectionDriver(RuleSet rules, Instant start) {
    this(DetectionTopology.build(rules), start);
  }

  /** A driver for {@code topology} (e.g. one detector built with test metrics). */
  public DetectionDriver(Topology topology, Instant start) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "detect-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    try {
      // The driver commits and fsyncs a checkpoint after every record: on a tmpfs that costs
      // nothing, on a disk ~30x the processing itself.
      stateDir =
          Files.isWritable(TMPFS)
              ? Files.createTempDirectory(TMPFS, "tocsin-ttd")
              : Files.createTempDirectory("tocsin-ttd");
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    driver = new TopologyTestDriver(topology, props, start);
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
    alerts =
        driver.createOutputTopic(
            Topics.ALERTS.name(),
            Topics.ALERTS.keySerde().deserializer(),
            Topics.ALERTS.valueSerde().deserializer());
  }

  /** Pipes a log event with its own timestamp as the record time. */
  public void pipe(LogEvent event) {
    pipe(event.logGroup(), event);
  }

  /** Pipes a log event under record key {@code key}, as a producer other than ingest might. */
  public void pipe(String key, LogEvent event) {
    logs.pipeInput(key, event, Instant.ofEpochMilli(event.timestamp()));
  }

  /** Pipes a CloudTrail event with its event time as the record time. */
  public void pipe(CloudTrailEvent event) {
    cloudTrail.pipeInput(event.account(), event, event.eventTime());
  }

  /** Pipes a deployment state change as the deploy watch publishes it (topology with deploys). */
  public void pipe(Deployment deployment) {
    driver
        .createInputTopic(
            Topics.DEPLOYMENTS.name(),
            Topics.DEPLOYMENTS.keySerde().serializer(),
            Topics.DEPLOYMENTS.valueSerde().serializer())
        .pipeInput(deployment.id(), deployment, deployment.updatedAt());
  }

  /** The keys of the key-value store {@code name}, in key order. */
  public List<String> storeKeys(String name) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Object> all =
        driver.<String, Object>getKeyValueStore(name).all()) {
      all.forEachRemaining(entry -> keys.add(entry.key));
    }
    return keys;
  }

  /**
   * The figures window store {@code name} holds for {@code key} from {@code from} to {@code to}.
   */
  public List<MinuteFigure> figures(String name, String key, Instant from, Instant to) {
    List<MinuteFigure> figures = new ArrayList<>();
    try (WindowStoreIterator<MinuteFigure> it =
        driver.<String, MinuteFigure>getWindowStore(name).fetch(key, from, to)) {
      it.forEachRemaining(entry -> figures.add(entry.value));
    }
    return figures;
  }

  /** The keys written to the changelog of store {@code name} since the last call. */
  public List<String> changelogKeys(String name) {
    return driver
        .createOutputTopic(
            "detect-test-" + name + "-changelog",
            new StringDeserializer(),
            new ByteArrayDeserializer())
        .readKeyValuesToList()
        .stream()
        .map(kv -> kv.key)
        .toList();
  }

  /** The values written to the repartition topic {@code name} since the last call. */
  public List<byte[]> repartitioned(String name) {
    return driver
        .createOutputTopic(
            "detect-test-" + name + "-repartition",
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())
        .readValuesToList();
  }

  /** Advances wall-clock time, firing wall-clock punctuations. */
  public void advanceWallClock(Duration by) {
    driver.advanceWallClockTime(by);
  }

  /** The Streams metrics of the topology, e.g. the late-event counters of rate rules. */
  public Map<MetricName, ? extends Metric> metrics() {
    return driver.metrics();
  }

  /** Alerts produced since the last call. */
  public List<Alert> alerts() {
    return alerts.readValuesToList();
  }

  /** Alert records (key, value and record time) produced since the last call. */
  public List<TestRecord<String, Alert>> alertRecords() {
    return alerts.readRecordsToList();
  }

  @Override
  public void close() {
    driver.close();
    try (Stream<Path> files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
