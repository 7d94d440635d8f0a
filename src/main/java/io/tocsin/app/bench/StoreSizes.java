package io.tocsin.app.bench;

import io.tocsin.app.bench.FloodProducer.Payload;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.rules.RuleSet;
import io.tocsin.sample.SampleTraffic;
import io.tocsin.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the detectors' state costs per group: {@code groups} new Lambda log groups, each with five
 * invocations and one timeout, give the logs match detector's incident store one incident each and
 * the Lambda failure-rate rule's store one group each (a series of six observations; too few
 * invocations to alarm). Each store is measured by its changelog: the latest record of each key of
 * those groups (the store's content; only what the phase wrote is read) and the topic's growth on
 * the broker; and, after the processor has stopped, by its RocksDB files.
 */
final class StoreSizes {

  /** Log groups of the phase begin with this. */
  static final String GROUP_PREFIX = "/aws/lambda/bench-store-";

  /** The stores measured: the incident store and the rate rules' group store of logs. */
  static final List<String> STORES = List.of("logs-incident-store", "logs-rate-groups");

  /**
   * One store's growth.
   *
   * @param store the store
   * @param keys new keys
   * @param contentBytes key and value bytes of the latest record of each new key
   * @param changelogBytes growth of the changelog topic on the broker's disk
   * @param rocksDbBytes the store's RocksDB data files (SST) after a clean stop, all keys
   */
  record Store(String store, int keys, long contentBytes, long changelogBytes, long rocksDbBytes) {}

  private final KafkaClients clients;
  private final GroupProgress progress;
  private final RuleSet rules;
  private final String applicationId;
  private final Map<String, Map<TopicPartition, Long>> offsetsBefore = new HashMap<>();
  private final Map<String, Long> bytesBefore = new HashMap<>();

  /** Measures the stores of the Streams application {@code applicationId}. */
  StoreSizes(KafkaClients clients, GroupProgress progress, RuleSet rules, String applicationId) {
    this.clients = clients;
    this.progress = progress;
    this.rules = rules;
    this.applicationId = applicationId;
  }

  /**
   * Opens {@code groups} groups and waits until the processor has committed their alerts and
   * processed its rate observations; returns the growth of each store the rules use (without
   * RocksDB).
   */
  List<Store> openGroups(int groups, Duration timeout) {
    List<String> stores = STORES.stream().filter(s -> progress.exists(changelog(s))).toList();
    for (String store : stores) {
      offsetsBefore.put(store, endOffsets(changelog(store)));
      bytesBefore.put(store, progress.bytesOnDisk(changelog(store)));
    }
    ExpectedIncidents expected = new ExpectedIncidents(rules);
    List<LogEvent> events = new ArrayList<>(groups * 6);
    Instant now = Instant.now();
    for (int g = 0; g < groups; g++) {
      String group = String.format(Locale.ROOT, "%s%05d", GROUP_PREFIX, g);
      for (int i = 0; i < 5; i++) {
        events.add(event(group, g, i, "REPORT RequestId: " + g + "-" + i + "\tDuration: 12.5 ms"));
      }
      events.add(event(group, g, 5, now + " " + g + " Task timed out after 3.00 seconds"));
      expected.add(events.get(events.size() - 1));
    }
    awaitAlerts(events, expected.fingerprints(), timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String topic :
        List.of(
            Topics.LOGS.name(), applicationId + "-logs-rate-regrouped-observations-repartition")) {
      while (progress.exists(topic) && progress.lag(topic) > 0 && System.nanoTime() < deadline) {
        pause();
      }
    }
    List<Store> grown = new ArrayList<>();
    for (String store : stores) {
      Map<ByteBuffer, Integer> ours = content(changelog(store), offsetsBefore.get(store));
      int keys = ours.size();
      long bytes = 0;
      for (Map.Entry<ByteBuffer, Integer> e : ours.entrySet()) {
        bytes += e.getKey().remaining() + e.getValue();
      }
      long changelogBytes = progress.bytesOnDisk(changelog(store)) - bytesBefore.get(store);
      grown.add(new Store(store, keys, bytes, changelogBytes, 0));
    }
    return grown;
  }

  /** {@code store} with the bytes of its RocksDB data files (SST) under {@code stateDir}. */
  Store withRocksDb(Store store, Path stateDir) {
    Path app = stateDir.resolve(applicationId);
    if (!Files.isDirectory(app)) {
      return store;
    }
    try (Stream<Path> files = Files.walk(app)) {
      long bytes =
          files
              .filter(f -> f.toString().contains("/rocksdb/" + store.store() + "/"))
              .filter(f -> f.toString().endsWith(".sst"))
              .mapToLong(StoreSizes::size)
              .sum();
      return new Store(
          store.store(), store.keys(), store.contentBytes(), store.changelogBytes(), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure the state under " + stateDir, e);
    }
  }

  private void awaitAlerts(List<LogEvent> events, Set<String> wanted, Duration timeout) {
    Set<String> fired = ConcurrentHashMap.newKeySet();
    try (CommittedAlerts alerts = new CommittedAlerts(clients);
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                clients.producer("tocsin-bench-store"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
      alerts.start(
          (fingerprint, at) -> {
            if (wanted.contains(fingerprint)) {
              fired.add(fingerprint);
            }
          });
      for (Payload p : FloodProducer.payloads(Topics.LOGS, events, LogEvent::logGroup)) {
        producer.send(new ProducerRecord<>(Topics.LOGS.name(), p.key(), p.value()));
      }
      producer.flush();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (fired.size() < wanted.size() && System.nanoTime() < deadline) {
        pause();
      }
    }
    if (fired.size() < wanted.size()) {
      throw new IllegalStateException(
          fired.size() + " of " + wanted.size() + " incidents fired within " + timeout);
    }
  }

  /**
   * Key to value size of the latest committed record of each key of {@code topic} written from
   * {@code from} on whose value names one of the phase's log groups.
   */
  private Map<ByteBuffer, Integer> content(String topic, Map<TopicPartition, Long> from) {
    Map<ByteBuffer, Integer> latest = new HashMap<>();
    byte[] marker = GROUP_PREFIX.getBytes(StandardCharsets.UTF_8);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = List.copyOf(from.keySet());
      consumer.assign(partitions);
      from.forEach(consumer::seek);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            latest.remove(ByteBuffer.wrap(r.key()));
          } else if (contains(r.value(), marker)) {
            latest.put(ByteBuffer.wrap(r.key()), r.value().length);
          }
        }
      }
    }
    return latest;
  }

  private Map<TopicPartition, Long> endOffsets(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      return consumer.endOffsets(partitions);
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(
        clients.consumer("tocsin-bench-store", "tocsin-bench-store"),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  private static boolean contains(byte[] value, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= value.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (value[i + j] != part[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private String changelog(String store) {
    return applicationId + "-" + store + "-changelog";
  }

  private static LogEvent event(String group, int g, int i, String message) {
    String id = g + "-" + i;
    return new LogEvent(
        SampleTraffic.ACCOUNT,
        group,
        "2026/11/26/[$LATEST]store",
        id,
        System.currentTimeMillis(),
        message,
        new SourcePosition("bench", "store", "", id));
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
