package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.KafkaSettings;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.StreamsService;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.model.Alert;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.testing.TopicReader;
import io.tocsin.testing.TrailRecords;
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
 * The sequence rule iam-change-after-console-login-without-mfa on the real in-process broker with
 * exactly_once_v2: the sign-in's first step is committed to the keyed store's changelog, so an
 * instance started on an empty state directory still completes the sequence when the IAM change
 * arrives — through the repartition topic keyed by actor.
 */
class SequenceDetectionIT {

  private static final String SEQUENCE = "iam-change-after-console-login-without-mfa";
  private static final RuleSet RULES = RuleLoader.load(List.of());

  @TempDir static Path dir;
  private static EmbeddedKafkaBroker broker;
  private static KafkaClients clients;
  private final TrailRecords trail = new TrailRecords();

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

  private static void send(CloudTrailEvent event) throws Exception {
    try (KafkaProducer<String, CloudTrailEvent> producer =
        new KafkaProducer<>(
            clients.producer("it"),
            Topics.CLOUDTRAIL.keySerde().serializer(),
            Topics.CLOUDTRAIL.valueSerde().serializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.CLOUDTRAIL.name(),
                  null,
                  event.eventTime().toEpochMilli(),
                  event.account(),
                  event))
          .get();
    }
  }

  private static List<Alert> alerts(int atLeast, Duration wait) {
    return TopicReader.read(broker.bootstrapServers(), Topics.ALERTS, atLeast, wait).stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  @Test
  void shouldCompleteASequenceBegunBeforeARestartOnAnEmptyStateDirectory() throws Exception {
    Instant now = Instant.now();
    CloudTrailEvent login = trail.consoleLogin("alice", false, now);
    try (StreamsService first = detection("state-a")) {
      first.start();
      assertThat(first.awaitRunning(Duration.ofSeconds(30))).isTrue();
      send(login);
      assertThat(alerts(1, Duration.ofSeconds(30)))
          .extracting(a -> a.rule().id())
          .containsExactly("cis-console-login-without-mfa"); // committed with the first step
    }

    try (StreamsService second = detection("state-b")) {
      second.start();
      assertThat(second.awaitRunning(Duration.ofSeconds(30))).isTrue();
      send(
          trail.userCall(
              "alice",
              "iam.amazonaws.com",
              "CreateLoginProfile",
              "{\"userName\":\"mallory\",\"passwordResetRequired\":false}",
              now.plusSeconds(240)));
      List<Alert> sequence =
          alerts(4, Duration.ofSeconds(20)).stream()
              .filter(a -> a.rule().id().equals(SEQUENCE))
              .toList();
      assertThat(sequence)
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.context().at("/sequence/afterEventId").asText())
                    .isEqualTo(login.eventId());
                assertThat(alert.resource().principalArn())
                    .isEqualTo("arn:aws:iam::111122223333:user/alice");
              });
    }
  }
}
