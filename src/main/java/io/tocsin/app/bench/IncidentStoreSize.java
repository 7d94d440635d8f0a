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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the logs detector's incident store costs per key: a Lambda timeout in each of {@code keys}
 * new log groups opens as many incidents; the store's changelog grows on the broker and its RocksDB
 * files on the processor's disk. (Rate rules keep their own window stores; until they exist this is
 * the store that grows with the number of groups.)
 */
final class IncidentStoreSize {

  /** The store measured. */
  static final String STORE = "logs-incident-store";

  private final KafkaClients clients;
  private final GroupProgress progress;
  private final RuleSet rules;
  private final String applicationId;

  /** Measures the store of the Streams application {@code applicationId}. */
  IncidentStoreSize(
      KafkaClients clients, GroupProgress progress, RuleSet rules, String applicationId) {
    this.clients = clients;
    this.progress = progress;
    this.rules = rules;
    this.applicationId = applicationId;
  }

  /**
   * Opens {@code keys} incidents, waits for their firing alerts to be committed, and returns how
   * many bytes the store's changelog grew by.
   */
  long openIncidents(int keys, Duration timeout) {
    String changelog = applicationId + "-" + STORE + "-changelog";
    long before = progress.bytesOnDisk(changelog);
    ExpectedIncidents expected = new ExpectedIncidents(rules);
    List<LogEvent> events = new ArrayList<>(keys);
    Instant now = Instant.now();
    for (int i = 0; i < keys; i++) {
      String id = String.format(Locale.ROOT, "%05d", i);
      LogEvent event =
          new LogEvent(
              SampleTraffic.ACCOUNT,
              "/aws/lambda/bench-store-" + id,
              "2026/11/26/[$LATEST]store",
              id,
              now.toEpochMilli(),
              now + " " + id + " Task timed out after 3.00 seconds",
              new SourcePosition("bench", "incident-store", "", id));
      expected.add(event);
      events.add(event);
    }
    Set<String> wanted = expected.fingerprints();
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
    return progress.bytesOnDisk(changelog) - before;
  }

  /** Bytes of the store's RocksDB data files (SST) under {@code stateDir}, over all tasks. */
  long rocksDbBytes(Path stateDir) {
    Path app = stateDir.resolve(applicationId);
    if (!Files.isDirectory(app)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(app)) {
      return files
          .filter(f -> f.toString().contains("/rocksdb/" + STORE + "/"))
          .filter(f -> f.toString().endsWith(".sst"))
          .mapToLong(IncidentStoreSize::size)
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure the state under " + stateDir, e);
    }
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
