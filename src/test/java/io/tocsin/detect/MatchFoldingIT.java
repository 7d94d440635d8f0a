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
import io.tocsin.rules.RuleLoader;
import io.tocsin.testing.TopicReader;
import io.tocsin.topics.JsonSerde;
import io.tocsin.topics.Topic;
import io.tocsin.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Matches folded between commits, on the real in-process broker with exactly_once_v2: a burst of
 * timeouts of one function crosses the incident repartition as a few records whose counts add up to
 * the burst; it pages once, and the resolve counts every timeout.
 */
class MatchFoldingIT {

  private static final int BURST = 400;
  private static final String ORDERS = "/aws/lambda/orders-api";
  private static final Topic<String, Match> REPARTITION =
      new Topic<>(
          "tocsin-detect-logs-matches-repartition", Serdes.String(), JsonSerde.of(Match.class));

  @TempDir Path dir;

  @Test
  void shouldCarryABurstOfOneIncidentAcrossTheRepartitionAsAFewFoldedMatches() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      KafkaClients clients =
          new KafkaClients(
              KafkaSettings.defaults()
                  .withCluster(broker.bootstrapServers(), dir.resolve("state").toString()));
      new TopicProvisioner(clients).ensure(Topics.ALL);
      Properties streams = clients.streams("detect");
      // Streams deletes consumed repartition records every 30 s by default; keep them to count.
      streams.put(StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG, Long.MAX_VALUE);
      Instant now = Instant.now();
      try (StreamsService detection =
              new StreamsService(
                  "detect", DetectionTopology.build(RuleLoader.load(List.of())), streams);
          KafkaProducer<String, LogEvent> producer =
              new KafkaProducer<>(
                  clients.producer("it"),
                  Topics.LOGS.keySerde().serializer(),
                  Topics.LOGS.valueSerde().serializer())) {
        detection.start();
        assertThat(detection.awaitRunning(Duration.ofSeconds(30))).isTrue();
        for (int i = 0; i < BURST; i++) {
          send(producer, DetectionIT.timeout(now.plusMillis(i), ORDERS, "t" + i), null);
        }
        producer.flush();

        List<ConsumerRecord<String, Match>> folded =
            TopicReader.read(broker.bootstrapServers(), REPARTITION, BURST, Duration.ofSeconds(8));
        assertThat(folded.stream().mapToLong(r -> r.value().count()).sum())
            .as("the folded matches count every timeout once")
            .isEqualTo(BURST);
        assertThat(folded)
            .as("a burst processed within a few commits crosses as a few records")
            .hasSizeLessThan(BURST / 10)
            .allSatisfy(r -> assertThat(r.value().samples()).hasSizeBetween(1, 5));
        System.out.printf(
            "%d timeouts crossed the incident repartition as %d folded matches%n",
            BURST, folded.size());

        // Timeouts 7 minutes on in a dozen other functions move every incident task's stream time
        // past the 5-minute suppression window: orders-api resolves.
        Instant later = now.plusSeconds(420);
        for (int g = 0; g < 12; g++) {
          send(
              producer,
              DetectionIT.timeout(later, "/aws/lambda/later-" + g, "l" + g),
              later.toEpochMilli());
        }
        producer.flush();
        List<Alert> orders =
            TopicReader.read(broker.bootstrapServers(), Topics.ALERTS, 14, Duration.ofSeconds(30))
                .stream()
                .map(ConsumerRecord::value)
                .filter(a -> a.resource().logGroup().equals(ORDERS))
                .toList();
        assertThat(orders)
            .extracting(Alert::status)
            .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(orders.get(1).count()).isEqualTo(BURST);
        assertThat(orders.get(1).samples()).hasSize(Alert.MAX_SAMPLES);
      }
    }
  }

  private static void send(
      KafkaProducer<String, LogEvent> producer, LogEvent event, Long timestamp) {
    producer.send(
        new ProducerRecord<>(Topics.LOGS.name(), null, timestamp, event.logGroup(), event));
  }
}
