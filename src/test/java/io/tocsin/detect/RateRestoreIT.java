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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A firing rate alarm survives restarts on the real broker with exactly_once_v2. The Streams app is
 * closed while firing and a new one starts on an empty state directory, restoring the group store
 * from its changelog: more failures fire nothing twice. It is closed again, still firing, and a
 * third one restores and — with no traffic at all — resolves on its wall clock.
 */
class RateRestoreIT {

  private static final String RULE =
      """
      rules:
        - id: it-failure-rate
          title: Failure rate (IT)
          source: logs
          kind: rate
          pattern: '"Task timed out"'
          severity: high
          alarm: {denominator: '"REPORT RequestId"', min_denominator: 5, threshold: 0.2, period: 10s}
      """;

  @TempDir Path dir;
  private long sequence;

  @Test
  void shouldNeitherFireTwiceNorLoseTheResolveAcrossARestoreFromTheChangelog() throws Exception {
    RuleSet rules =
        RuleLoader.load(List.of(Files.writeString(dir.resolve("rules.yaml"), RULE)), false);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      String bootstrap = broker.bootstrapServers();
      KafkaClients clients =
          new KafkaClients(KafkaSettings.defaults().withCluster(bootstrap, "unused"));
      new TopicProvisioner(clients).ensure(Topics.ALL);

      try (StreamsService first = detection(clients, rules, "state-a")) {
        first.start();
        assertThat(first.awaitRunning(Duration.ofSeconds(30))).isTrue();
        send(clients, 10, 5);
        List<ConsumerRecord<String, Alert>> alerts =
            TopicReader.read(bootstrap, Topics.ALERTS, 1, Duration.ofSeconds(30));
        assertThat(alerts).extracting(r -> r.value().status()).containsExactly(AlertStatus.FIRING);
      }

      try (StreamsService second = detection(clients, rules, "state-b")) {
        second.start();
        assertThat(second.awaitRunning(Duration.ofSeconds(30))).isTrue();
        send(clients, 5, 5);
        assertThat(TopicReader.read(bootstrap, Topics.ALERTS, 2, Duration.ofSeconds(3)))
            .as("more failures after a restore fire nothing twice")
            .hasSize(1);
      }

      long t0 = System.nanoTime();
      try (StreamsService third = detection(clients, rules, "state-c")) {
        third.start();
        assertThat(third.awaitRunning(Duration.ofSeconds(30))).isTrue();
        List<ConsumerRecord<String, Alert>> alerts =
            TopicReader.read(bootstrap, Topics.ALERTS, 2, Duration.ofSeconds(40));
        System.out.printf(
            "restart to committed resolve: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(alerts)
            .as("with no traffic after the restore, the wall clock still resolves it")
            .extracting(r -> r.value().status())
            .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        Alert firing = alerts.get(0).value();
        Alert resolved = alerts.get(1).value();
        assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint());
        assertThat(resolved.startsAt()).as("the incident restored").isEqualTo(firing.startsAt());
        assertThat(alerts.get(1).key()).isEqualTo(firing.fingerprint());
        assertThat(TopicReader.read(bootstrap, Topics.ALERTS, 3, Duration.ofSeconds(3)))
            .as("nothing after the resolve")
            .hasSize(2);
      }
    }
  }

  private StreamsService detection(KafkaClients clients, RuleSet rules, String state) {
    KafkaClients withState =
        new KafkaClients(
            clients
                .settings()
                .withCluster(clients.settings().bootstrapServers(), dir.resolve(state).toString()));
    return new StreamsService(
        "detect", DetectionTopology.build(rules), withState.streams("detect"));
  }

  /** Sends {@code invocations} REPORT lines and {@code timeouts} timeout lines, timed now. */
  private void send(KafkaClients clients, int invocations, int timeouts) throws Exception {
    try (KafkaProducer<String, LogEvent> producer =
        new KafkaProducer<>(
            clients.producer("it"),
            Topics.LOGS.keySerde().serializer(),
            Topics.LOGS.valueSerde().serializer())) {
      for (int i = 0; i < invocations + timeouts; i++) {
        String message =
            i < invocations
                ? "REPORT RequestId: r-" + i + "\tDuration: 3003.28 ms\tBilled Duration: 3000 ms"
                : Instant.now() + " r-" + i + " Task timed out after 3.00 seconds";
        LogEvent event =
            new LogEvent(
                "123456789012",
                "/aws/lambda/orders-api",
                "s",
                Long.toString(++sequence),
                Instant.now().toEpochMilli(),
                message,
                SourcePosition.kinesis("logs", "shardId-000000000000", Long.toString(sequence)));
        producer.send(new ProducerRecord<>(Topics.LOGS.name(), event.logGroup(), event)).get();
      }
    }
  }
}
