package io.tocsin.detect.bench;

import io.tocsin.config.KafkaSettings;
import io.tocsin.detect.DetectionTopology;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.StreamsService;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.model.Json;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per event through the rate topology ({@link DetectionTopology} with the default pack's rate
 * and threshold rules) over 10,000 Lambda log groups, on the in-process broker as deployed: one
 * Streams thread, exactly_once_v2, 100 ms commits, RocksDB on disk. Each iteration produces a
 * backlog while Streams is paused, then times draining it (input and repartition topics fully
 * committed); events/s = 10^6 / (µs/op). At the end it prints the group store's bytes per key,
 * serialized and as RocksDB reports them. (A TopologyTestDriver commits and flushes RocksDB after
 * every record, which would measure the driver, not the topology.)
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:$(deps) org.openjdk.jmh.Main
 * RateTopologyBenchmark}. Events are REPORT lines (2 % timeout lines) of the groups in turn; event
 * time advances 1 ms per event, so each group sees an event every 10 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class RateTopologyBenchmark {

  static final int GROUPS = 10_000;
  static final int EVENTS = 100_000;
  static final String STORE = "logs-rate-groups";

  private final Random random = new Random(1);
  private Path dir;
  private EmbeddedKafkaBroker broker;
  private KafkaClients clients;
  private StreamsService service;
  private Admin admin;
  private long time = Instant.now().toEpochMilli() - 5L * EVENTS;
  private long sequence;

  @Setup(Level.Trial)
  public void start() throws Exception {
    dir = Files.createTempDirectory("tocsin-rate-bench");
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
    clients =
        new KafkaClients(
            KafkaSettings.defaults()
                .withCluster(broker.bootstrapServers(), dir.resolve("state").toString()));
    new TopicProvisioner(clients).ensure(Topics.ALL);
    Topology topology =
        DetectionTopology.build(
            new RuleSet(
                RuleLoader.load(List.of()).all().stream()
                    .filter(r -> r.rule().kind() != Rule.Kind.MATCH)
                    .toList()));
    Properties props = clients.streams("bench");
    props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
    service = new StreamsService("bench", topology, props);
    service.start();
    service.awaitRunning(Duration.ofSeconds(60));
    admin = Admin.create(clients.admin());
  }

  @Setup(Level.Iteration)
  public void backlog() throws Exception {
    service.streams().pause();
    try (KafkaProducer<String, LogEvent> producer =
        new KafkaProducer<>(
            clients.producer("bench"),
            Topics.LOGS.keySerde().serializer(),
            Topics.LOGS.valueSerde().serializer())) {
      for (int i = 0; i < EVENTS; i++) {
        LogEvent event = event();
        producer.send(new ProducerRecord<>(Topics.LOGS.name(), event.logGroup(), event));
      }
      producer.flush();
    }
  }

  private LogEvent event() {
    long n = ++sequence;
    String group = String.format(Locale.ROOT, "/aws/lambda/fn-%04d", n % GROUPS);
    time++;
    String message =
        random.nextInt(50) == 0
            ? Instant.ofEpochMilli(time) + " r-" + n + " Task timed out after 3.00 seconds"
            : "REPORT RequestId: r-"
                + n
                + "\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory"
                + " Size: 128 MB\tMax Memory Used: 60 MB\t";
    String id = Long.toString(n);
    return new LogEvent(
        "123456789012",
        group,
        "s",
        id,
        time,
        message,
        SourcePosition.kinesis("logs", "shardId-000000000000", id));
  }

  /** Resumes Streams and waits until the backlog is processed and committed. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void drain() throws Exception {
    service.streams().resume();
    String group = "tocsin-bench";
    while (lag(group) > 0) {
      Thread.sleep(50);
    }
  }

  /** Records of the input and repartition topics the application has not committed yet. */
  private long lag(String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (var topic : admin.describeTopics(topics(group)).allTopicNames().get().values()) {
      topic
          .partitions()
          .forEach(
              p ->
                  latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
    }
    long lag = 0;
    for (var end : admin.listOffsets(latest).all().get().entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      lag += end.getValue().offset() - (done == null ? 0 : done.offset());
    }
    return lag;
  }

  private List<String> topics(String group) throws Exception {
    return admin.listTopics().names().get().stream()
        .filter(
            t ->
                t.equals(Topics.LOGS.name())
                    || (t.startsWith(group + "-") && t.endsWith("-repartition")))
        .toList();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    ReadOnlyKeyValueStore<String, Object> store =
        service
            .streams()
            .store(
                StoreQueryParameters.fromNameAndType(
                    STORE, QueryableStoreTypes.<String, Object>keyValueStore()));
    long keys = 0;
    long bytes = 0;
    try (KeyValueIterator<String, Object> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, Object> entry = all.next();
        keys++;
        bytes += entry.key.getBytes(StandardCharsets.UTF_8).length;
        bytes += Json.MAPPER.writeValueAsBytes(entry.value).length;
      }
    }
    double sst = rocksDb("total-sst-files-size");
    double memtables = rocksDb("size-all-mem-tables");
    System.out.printf(
        "%n%s: %d keys after %d events, %.0f serialized bytes per key (key + JSON value, as the"
            + " changelog holds it); RocksDB %.0f bytes per key (SST files %.0f + memtables %.0f)%n",
        STORE,
        keys,
        sequence,
        (double) bytes / keys,
        (sst + memtables) / keys,
        sst / keys,
        memtables / keys);
    admin.close();
    service.close();
    broker.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private double rocksDb(String metric) {
    return service.streams().metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(metric))
        .filter(e -> STORE.equals(e.getKey().tags().get("rocksdb-state-id")))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }
}
