package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.KafkaSettings;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.StreamsService;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.testing.TopicReader;
import io.tocsin.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection topology on the real in-process broker with exactly_once_v2: committed alerts, and
 * a restart on an empty state directory that restores the incident store from its changelog — no
 * second firing for the open incident.
 */
class DetectionIT {

  private static final String TIMEOUT =
      "2020-02-04T00:26:18.068Z b3c55437-3847-4230-a1ed-0e94425372e8 Task timed out after 3.00"
          + " seconds";

  @TempDir static Path dir;
  private static EmbeddedKafkaBroker broker;
  private static KafkaClients clients;
  private static final RuleSet RULES = RuleLoader.load(List.of());

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
    clients =
        new KafkaClients(KafkaSettings.defaults().withCluster(broker.bootstrapServers(), "unused"));
    new TopicProvisioner(clients).ensure(Topics.ALL);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static StreamsService detection(String stateDir) {
    KafkaClients withState =
        new KafkaClients(
            clients
                .settings()
                .withCluster(broker.bootstrapServers(), dir.resolve(stateDir).toString()));
    return new StreamsService(
        "detect", DetectionTopology.build(RULES), withState.streams("detect"));
  }

  private static void send(LogEvent event) throws Exception {
    send(event, null);
  }

  /** Sends {@code event} with record time {@code timestamp} (null: the producer's clock). */
  private static void send(LogEvent event, Long timestamp) throws Exception {
    try (KafkaProducer<String, LogEvent> producer =
        new KafkaProducer<>(
            clients.producer("it"),
            Topics.LOGS.keySerde().serializer(),
            Topics.LOGS.valueSerde().serializer())) {
      producer
          .send(new ProducerRecord<>(Topics.LOGS.name(), null, timestamp, event.logGroup(), event))
          .get();
    }
  }

  private static LogEvent timeout(Instant at, String id) {
    return timeout(at, "/aws/lambda/orders-api", id);
  }

  /** A real Lambda timeout line of {@code logGroup} at {@code at}, with event ID {@code id}. */
  static LogEvent timeout(Instant at, String logGroup, String id) {
    return new LogEvent(
        "123456789012",
        logGroup,
        "s",
        id,
        at.toEpochMilli(),
        TIMEOUT,
        SourcePosition.kinesis("logs", "shardId-000000000000", id));
  }

  @Test
  void shouldNeitherFireAgainNorForgetToResolveAnIncidentRestoredFromTheChangelog()
      throws Exception {
    Instant now = Instant.now();
    try (StreamsService first = detection("state-a")) {
      first.start();
      assertThat(first.awaitRunning(Duration.ofSeconds(30))).isTrue();
      long t0 = System.nanoTime();
      send(timeout(now, "1"));
      List<ConsumerRecord<String, Alert>> alerts =
          TopicReader.read(broker.bootstrapServers(), Topics.ALERTS, 1, Duration.ofSeconds(30));
      System.out.printf("event to committed alert: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
      assertThat(alerts).hasSize(1);
      assertThat(alerts.get(0).value().status()).isEqualTo(AlertStatus.FIRING);
      assertThat(alerts.get(0).key()).isEqualTo(alerts.get(0).value().fingerprint());
      send(timeout(now, "/aws/lambda/inventory", "1b"));
      assertThat(
              TopicReader.read(broker.bootstrapServers(), Topics.ALERTS, 2, Duration.ofSeconds(30)))
          .hasSize(2);
    }

    try (StreamsService second = detection("state-b")) {
      second.start();
      assertThat(second.awaitRunning(Duration.ofSeconds(30))).isTrue();
      send(timeout(now.plusSeconds(5), "2"));
      send(timeout(now.plusSeconds(6), "/aws/lambda/billing-worker", "3"));
      List<ConsumerRecord<String, Alert>> alerts =
          TopicReader.read(broker.bootstrapServers(), Topics.ALERTS, 4, Duration.ofSeconds(8));
      assertThat(alerts)
          .as("the orders-api incident was restored, so only billing-worker fires anew")
          .extracting(r -> r.value().resource().logGroup())
          .containsExactlyInAnyOrder(
              "/aws/lambda/orders-api", "/aws/lambda/inventory", "/aws/lambda/billing-worker");

      // Timeouts 7 minutes on (record time) in a dozen other log groups reach every incident task
      // and show the 5-minute windows passed: every incident resolves, including inventory's,
      // restored from the changelog and not matched since.
      for (int g = 0; g < 12; g++) {
        Instant later = now.plusSeconds(420);
        send(timeout(later, "/aws/lambda/later-" + g, "later-" + g), later.toEpochMilli());
      }
      List<Alert> resolved =
          TopicReader.read(broker.bootstrapServers(), Topics.ALERTS, 18, Duration.ofSeconds(15))
              .stream()
              .map(ConsumerRecord::value)
              .filter(a -> a.status() == AlertStatus.RESOLVED)
              .toList();
      assertThat(resolved)
          .extracting(a -> a.resource().logGroup())
          .containsExactlyInAnyOrder(
              "/aws/lambda/orders-api", "/aws/lambda/inventory", "/aws/lambda/billing-worker");
      assertThat(resolved)
          .filteredOn(a -> a.resource().logGroup().equals("/aws/lambda/orders-api"))
          .extracting(Alert::count)
          .containsExactly(2L);
    }
  }
}
