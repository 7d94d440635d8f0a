package io.tocsin.ingest.kinesis;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tocsin.config.KafkaSettings;
import io.tocsin.config.KinesisSettings;
import io.tocsin.emulators.KclLeaseTable;
import io.tocsin.emulators.LocalKinesis;
import io.tocsin.ingest.Fixtures;
import io.tocsin.ingest.decode.RecordDecoder;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.model.SourcePosition;
import io.tocsin.topics.Topic;
import io.tocsin.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * One embedded Kafka broker and the Kinesis/DynamoDB emulators for an integration test class, with
 * helpers to make fresh streams, put records, run sources and read the topics back. Register it as
 * {@code @RegisterExtension static final IngestTestBed bed = new IngestTestBed();}: it starts
 * before the class's first test, in a directory of its own, and stops after its last. Public for
 * the fault-injection tests, which run ingest under crashes, lease loss and poison input.
 */
public final class IngestTestBed implements BeforeAllCallback, AfterAllCallback {

  private static final AtomicInteger NEXT = new AtomicInteger();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Path dir;
  private EmbeddedKafkaBroker broker;
  private LocalKinesis aws;
  private KafkaClients kafka;

  /** Starts the broker and the emulators, and creates tocsin's topics. */
  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("ingest-bed");
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
    kafka =
        new KafkaClients(
            new KafkaSettings(
                broker.bootstrapServers(),
                Map.of(),
                2,
                1,
                "it",
                dir.resolve("state").toString(),
                Duration.ofMillis(100),
                "it-instance"));
    new TopicProvisioner(kafka).ensure(Topics.ALL);
    aws = LocalKinesis.start();
  }

  /** Stops the emulators and the broker and deletes their data. */
  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (aws != null) {
        aws.close();
      }
      if (broker != null) {
        broker.close();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** The broker. */
  public EmbeddedKafkaBroker broker() {
    return broker;
  }

  /** Stops the broker, keeping its data and ports for {@link #restartBroker()}. */
  public void stopBroker() {
    broker.close();
  }

  /** Starts the broker again on its former ports and data, after {@link #stopBroker()}. */
  public void restartBroker() {
    broker =
        EmbeddedKafkaBroker.start(
            dir.resolve("kafka"), broker.brokerPort(), broker.controllerPort());
  }

  /** The Kinesis and DynamoDB emulators. */
  public LocalKinesis aws() {
    return aws;
  }

  /** Clients of the broker for the application id {@code it}. */
  public KafkaClients kafka() {
    return kafka;
  }

  /** The registry the sources started here report to. */
  public SimpleMeterRegistry registry() {
    return registry;
  }

  /** A new stream name, unique in this JVM. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + NEXT.incrementAndGet();
  }

  /** Creates {@code shards}-shard streams and settings for an application reading them. */
  public KinesisSettings streams(String app, String worker, int shards, String... streams) {
    for (String stream : streams) {
      aws.kinesis().createStream(stream, shards);
    }
    return aws.settings(app, worker, List.of(streams));
  }

  /**
   * Creates a {@code shards}-shard {@code stream} and settings for a new application reading it as
   * {@code worker}, {@code maxRecords} a batch, with {@code shutdownTimeout} for a graceful stop.
   */
  public KinesisSettings worker(
      String stream, int shards, String worker, int maxRecords, Duration shutdownTimeout) {
    return with(
        streams(uniqueName("app"), worker, shards, stream), worker, maxRecords, shutdownTimeout);
  }

  /** Prepares the lease table of {@code settings}. */
  public KclLeaseTable prepare(KinesisSettings settings) {
    return aws.prepare(settings);
  }

  /** A started source for {@code settings}. */
  public KinesisSource start(KinesisSettings settings) {
    return start(settings, new RecordingStallListener());
  }

  /** A started source for {@code settings} reporting stalls to {@code stalls}. */
  public KinesisSource start(KinesisSettings settings, StallListener stalls) {
    KinesisSource source =
        new KinesisSource(settings, kafka, RecordDecoder.withDefaults(), registry, stalls);
    source.start();
    return source;
  }

  /**
   * Puts {@code records} into {@code stream}, partition key {@code "pk-" + index}; returns where
   * each landed, as the source position tocsin must report.
   */
  public List<SourcePosition> put(String stream, List<byte[]> records) {
    List<SourcePosition> positions = new ArrayList<>();
    for (int from = 0; from < records.size(); from += 500) {
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(records.size(), from + 500); i++) {
        entries.add(
            PutRecordsRequestEntry.builder()
                .partitionKey("pk-" + i)
                .data(SdkBytes.fromByteArray(records.get(i)))
                .build());
      }
      PutRecordsResponse response =
          aws.kinesis().client().putRecords(b -> b.streamName(stream).records(entries));
      if (response.failedRecordCount() > 0) {
        throw new IllegalStateException(response.failedRecordCount() + " records not put");
      }
      response
          .records()
          .forEach(
              r -> positions.add(SourcePosition.kinesis(stream, r.shardId(), r.sequenceNumber())));
    }
    return positions;
  }

  /** Every record of {@code topic} whose value passes {@code filter}, read committed. */
  public <V> List<V> read(Topic<String, V> topic, Predicate<V> filter) {
    return readRecords(topic, filter).stream().map(ConsumerRecord::value).toList();
  }

  /** Like {@link #read} but whole Kafka records, e.g. for their timestamps. */
  public <V> List<ConsumerRecord<String, V>> readRecords(
      Topic<String, V> topic, Predicate<V> filter) {
    try (KafkaConsumer<String, V> consumer = consumer(topic, "it-reader")) {
      List<TopicPartition> partitions = assignAll(consumer, topic);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, V>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
          if (filter.test(r.value())) {
            records.add(r);
          }
        }
      }
      return records;
    }
  }

  private <V> KafkaConsumer<String, V> consumer(Topic<String, V> topic, String group) {
    return new KafkaConsumer<>(
        kafka.consumer(group, group),
        topic.keySerde().deserializer(),
        topic.valueSerde().deserializer());
  }

  /** Assigns every partition of {@code topic} to {@code consumer}; returns them. */
  private static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, Topic<?, ?> topic) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic.name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    return partitions;
  }

  /** Waits until {@code topic} holds at least {@code count} records passing {@code filter}. */
  public <V> List<V> awaitRecords(
      Topic<String, V> topic, Predicate<V> filter, int count, Duration timeout) {
    List<List<V>> last = new ArrayList<>(List.of(List.of()));
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              last.set(0, read(topic, filter));
              return last.get(0).size() >= count;
            });
    return last.get(0);
  }

  /**
   * Milliseconds from {@code action} until a record passing {@code filter} appears on {@code
   * topic}, read by a consumer that is already polling at the end of the topic.
   */
  <V> long millisUntilPublished(Topic<String, V> topic, Predicate<V> filter, Runnable action) {
    try (KafkaConsumer<String, V> consumer = consumer(topic, "it-latency")) {
      List<TopicPartition> partitions = assignAll(consumer, topic);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      long t0 = System.nanoTime();
      action.run();
      while (System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos()) {
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(10))) {
          if (filter.test(r.value())) {
            return (System.nanoTime() - t0) / 1_000_000;
          }
        }
      }
      throw new AssertionError("nothing published within 30 s");
    }
  }

  /** {@code settings} with another worker id, batch size and shutdown timeout. */
  public static KinesisSettings with(
      KinesisSettings s, String workerId, int maxRecords, Duration shutdownTimeout) {
    return new KinesisSettings(
        s.streams(),
        s.region(),
        s.kinesisEndpoint(),
        s.dynamodbEndpoint(),
        s.retrievalMode(),
        s.applicationName(),
        s.leaseTable(),
        s.initialPosition(),
        workerId,
        s.publishMetrics(),
        maxRecords,
        s.pollInterval(),
        s.failoverTime(),
        s.shardSyncInterval(),
        shutdownTimeout,
        s.stallAfter(),
        s.deadAfter());
  }

  /** {@code settings} with another {@code stall_after}. */
  public static KinesisSettings withStallAfter(KinesisSettings s, Duration stallAfter) {
    return new KinesisSettings(
        s.streams(),
        s.region(),
        s.kinesisEndpoint(),
        s.dynamodbEndpoint(),
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
        stallAfter,
        s.deadAfter());
  }

  /** {@code settings} with another retrieval mode and Kinesis endpoint. */
  static KinesisSettings variant(KinesisSettings s, String retrievalMode, String kinesisEndpoint) {
    return new KinesisSettings(
        s.streams(),
        s.region(),
        kinesisEndpoint,
        s.dynamodbEndpoint(),
        retrievalMode,
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

  /** {@code count} records, each a CloudWatch Logs envelope with the one message {@code m-i}. */
  public static List<byte[]> numberedLogRecords(int count) {
    List<byte[]> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(Fixtures.gzip(Fixtures.dataMessage("/numbered", List.of("m-" + i))));
    }
    return records;
  }
}
