package io.tocsin.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.KafkaSettings;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.LogEvent;
import io.tocsin.testing.StreamTimeouts;
import io.tocsin.testing.TopicReader;
import io.tocsin.topics.Topic;
import io.tocsin.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection (exactly_once_v2, 100 ms commits, in a JVM of its own) is killed with SIGKILL the
 * moment the fold store's committed changelog holds a fold not yet forwarded, while timeouts keep
 * streaming in; a second instance starts on an empty state directory, so all its state comes from
 * the changelogs. Every incident, folded across the repartition or tracked in place, pages exactly
 * once in {@code tocsin.alerts.v1} (read_committed), and its resolve counts every timeout exactly
 * once: nothing folded was lost or forwarded twice.
 */
class FaultKillMidFoldIT {

  private static final int GROUPS = 3;
  private static final int STREAMS = 4;

  /**
   * Rounds of timeouts sent after the kill, so the second instance folds a backlog and new ones.
   */
  private static final int ROUNDS_AFTER_KILL = 100;

  /** At most this many rounds in all, should no moment with a committed fold pending come. */
  private static final int MAX_ROUNDS = 20_000;

  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final Topic<String, byte[]> FOLDS =
      new Topic<>("tocsin-detect-logs-match-folds-changelog", Serdes.String(), Serdes.ByteArray());

  @TempDir Path dir;

  @Test
  void shouldLoseAndRepeatNoFoldedMatchWhenKilledWithFoldsPending() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      String bootstrap = broker.bootstrapServers();
      KafkaClients clients =
          new KafkaClients(KafkaSettings.defaults().withCluster(bootstrap, "unused"));
      new TopicProvisioner(clients).ensure(Topics.ALL);
      Path rules = StreamTimeouts.ruleDir(dir.resolve("rules"));
      Instant now = Instant.now();
      AtomicInteger rounds = new AtomicInteger();
      AtomicInteger stopAt = new AtomicInteger(MAX_ROUNDS);
      Process first =
          DetectionChild.start(bootstrap, dir.resolve("a"), rules, dir.resolve("a.log"));
      try (KafkaProducer<String, LogEvent> producer =
          new KafkaProducer<>(
              clients.producer("it"),
              Topics.LOGS.keySerde().serializer(),
              Topics.LOGS.valueSerde().serializer())) {
        awaitLine(dir.resolve("a.log"), first);
        try (CommittedFolds folds = new CommittedFolds(bootstrap)) {
          Thread traffic =
              new Thread(
                  () -> {
                    for (int r = 0; r < stopAt.get(); r++) {
                      for (int g = 0; g < GROUPS; g++) {
                        for (int s = 0; s < STREAMS; s++) {
                          send(
                              producer,
                              now.plusMillis(r),
                              "/aws/lambda/fn-" + g,
                              g + "-s" + s,
                              r,
                              null);
                        }
                      }
                      rounds.incrementAndGet();
                      sleep(15);
                    }
                    producer.flush();
                  },
                  "traffic");
          traffic.start();
          // Traffic flows until the kill and a while after it: a quiet moment has no fold pending.
          int pendingAtKill = killWithFoldsPending(first, folds);
          int roundsAtKill = rounds.get();
          stopAt.set(roundsAtKill + ROUNDS_AFTER_KILL);
          Process second =
              DetectionChild.start(bootstrap, dir.resolve("b"), rules, dir.resolve("b.log"));
          try {
            awaitLine(dir.resolve("b.log"), second);
            traffic.join(WAIT.toMillis());
            int sent = rounds.get();
            // The later events must not overtake the backlog through another partition: stream time
            // would resolve an incident whose last matches are still on their way.
            awaitConsumed(bootstrap, folds);
            // Timeouts 7 minutes on in two dozen other functions and streams reach every task of
            // both paths and move its stream time past the 5-minute window: every incident
            // resolves.
            Instant later = now.plusSeconds(420);
            for (int g = 0; g < 24; g++) {
              send(
                  producer, later, "/aws/lambda/later-" + g, "later-" + g, g, later.toEpochMilli());
            }
            producer.flush();
            int incidents = GROUPS + GROUPS * STREAMS;
            List<Alert> alerts =
                TopicReader.read(bootstrap, Topics.ALERTS, 2 * incidents + 48, WAIT).stream()
                    .map(ConsumerRecord::value)
                    .filter(a -> !a.resource().logGroup().startsWith("/aws/lambda/later-"))
                    .toList();
            System.out.printf(
                "killed after %d of %d rounds with %d committed folds not yet forwarded%n",
                roundsAtKill, sent, pendingAtKill);
            assertThat(pendingAtKill).as("killed with committed folds pending").isPositive();

            Map<String, List<Alert>> byIncident =
                alerts.stream().collect(Collectors.groupingBy(Alert::fingerprint));
            assertThat(byIncident).hasSize(incidents);
            byIncident.forEach(
                (fingerprint, incident) -> {
                  assertThat(incident)
                      .as("%s pages once and resolves once", fingerprint)
                      .extracting(Alert::status)
                      .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
                  boolean perStream = incident.get(0).rule().id().equals(StreamTimeouts.ID);
                  assertThat(incident.get(1).count())
                      .as("timeouts counted by %s", incident.get(0).title())
                      .isEqualTo(perStream ? sent : (long) sent * STREAMS);
                });
          } finally {
            second.destroyForcibly().waitFor();
          }
        }
      }
    }
  }

  /**
   * Freezes {@code process} (SIGSTOP) until the fold store's committed changelog shows a fold not
   * yet forwarded, then kills it (SIGKILL) frozen, so nothing commits in between; returns how many
   * such folds it left. While frozen, everything past the last stable offset belongs to its open
   * transaction, which the kill aborts.
   */
  private static int killWithFoldsPending(Process process, CommittedFolds folds) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      signal(process, "STOP");
      int pending = folds.pending();
      if (pending > 0) {
        process.destroyForcibly().waitFor();
        return pending;
      }
      signal(process, "CONT");
      Thread.sleep(20 + (System.nanoTime() / 1000) % 60);
    }
    process.destroyForcibly().waitFor();
    throw new AssertionError("no fold was ever committed and pending within " + WAIT);
  }

  /**
   * The fold store's committed changelog (read_committed), read on as it grows, so that each look
   * costs only what was committed since the last one: which keys hold a fold (not a tombstone)
   * last.
   */
  private static final class CommittedFolds implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Map<String, byte[]> last = new HashMap<>();

    CommittedFolds(String bootstrap) {
      consumer = consumer(bootstrap, "read_committed");
      partitions = partitions(consumer);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    /** How many folds the committed changelog holds now. */
    int pending() {
      Map<TopicPartition, Long> stable = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < stable.get(p))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          last.put(r.key(), r.value());
        }
      }
      return (int) last.values().stream().filter(v -> v != null).count();
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  /**
   * Waits until detection has committed offsets at the end of every partition it reads: the logs
   * topic and the match repartitions (whose last record may be followed by a transaction marker).
   */
  private static void awaitConsumed(String bootstrap, CommittedFolds folds) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        KafkaConsumer<String, byte[]> ends = consumer(bootstrap, "read_uncommitted")) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets("tocsin-detect").partitionsToOffsetAndMetadata().get();
        List<TopicPartition> read =
            committed.keySet().stream()
                .filter(
                    p ->
                        p.topic().equals(Topics.LOGS.name())
                            || p.topic().endsWith("-matches-repartition"))
                .toList();
        Map<TopicPartition, Long> end = ends.endOffsets(read);
        boolean logsRead = read.stream().anyMatch(p -> p.topic().equals(Topics.LOGS.name()));
        if (logsRead
            && read.stream().allMatch(p -> committed.get(p).offset() >= end.get(p) - 1)
            && folds.pending() == 0) {
          return;
        }
        Thread.sleep(500);
      }
      throw new AssertionError("detection did not catch up within " + WAIT);
    }
  }

  private static void signal(Process process, String signal) throws Exception {
    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
        .inheritIO()
        .start()
        .waitFor();
  }

  private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
    return consumer.partitionsFor(FOLDS.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .toList();
  }

  private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String isolation) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "fold-watch-" + isolation);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static void send(
      KafkaProducer<String, LogEvent> producer,
      Instant at,
      String group,
      String stream,
      int n,
      Long timestamp) {
    LogEvent event = StreamTimeouts.timeout(at, group, stream, group + "/" + stream + "/" + n);
    producer.send(new ProducerRecord<>(Topics.LOGS.name(), null, timestamp, group, event));
  }

  /** Waits until {@code process} printed that detection runs, failing if it exits first. */
  private static void awaitLine(Path log, Process process) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(DetectionChild.RUNNING)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("detection exited: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("detection did not start within " + WAIT + ": " + log);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
