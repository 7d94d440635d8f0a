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
import io.tocsin.testing.StreamTimeouts;
import io.tocsin.testing.TopicReader;
import io.tocsin.topics.JsonSerde;
import io.tocsin.topics.Topic;
import io.tocsin.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Matches folded per commit interval, on the real in-process broker with exactly_once_v2 and the
 * production commit interval: a burst of timeouts of one function and log stream crosses the
 * incident repartition (rule grouped by log stream) as a few records whose counts add up to the
 * burst, and every fold is deleted from the fold store in the transaction that forwards it; the
 * default rule (grouped by log group) tracks the same burst in place, crossing nothing. Each
 * incident pages once, and its resolve counts every timeout.
 */
class MatchFoldingIT {

  private static final int BURST = 400;
  private static final String ORDERS = "/aws/lambda/orders-api";
  private static final String APP = "tocsin-detect";
  private static final Topic<String, Match> REPARTITION =
      new Topic<>(APP + "-logs-matches-repartition", Serdes.String(), JsonSerde.of(Match.class));
  private static final Topic<String, byte[]> FOLDS =
      new Topic<>(APP + "-logs-match-folds-changelog", Serdes.String(), Serdes.ByteArray());

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
      Path rules = StreamTimeouts.ruleDir(dir.resolve("rules"));
      try (StreamsService detection =
              new StreamsService(
                  "detect", DetectionTopology.build(RuleLoader.load(List.of(rules))), streams);
          KafkaProducer<String, LogEvent> producer =
              new KafkaProducer<>(
                  clients.producer("it"),
                  Topics.LOGS.keySerde().serializer(),
                  Topics.LOGS.valueSerde().serializer())) {
        // The burst waits on the topic, so the first polls bring it whole.
        for (int i = 0; i < BURST; i++) {
          send(producer, StreamTimeouts.timeout(now.plusMillis(i), ORDERS, "s", "t" + i), null);
        }
        producer.flush();
        detection.start();
        assertThat(detection.awaitRunning(Duration.ofSeconds(30))).isTrue();

        List<ConsumerRecord<String, Match>> folded = readUntilCounted(broker.bootstrapServers());
        assertThat(folded)
            .as("only the rule grouped by log stream crosses the repartition")
            .allSatisfy(r -> assertThat(r.value().ruleId()).isEqualTo(StreamTimeouts.ID));
        assertThat(counted(folded))
            .as("the folded matches count every timeout once")
            .isEqualTo(BURST);
        // How few depends on how many matches one commit interval processes: on a starved
        // machine (an interpreted JVM at a few % of a core) a fold may hold a single match.
        assertThat(folded)
            .as("the burst crosses as fewer records than matches")
            .hasSizeLessThan(BURST)
            .allSatisfy(r -> assertThat(r.value().samples()).hasSizeBetween(1, 5));
        System.out.printf(
            "%d timeouts crossed the incident repartition as %d folded matches%n",
            BURST, folded.size());
        assertThat(lastFoldPerKey(broker))
            .as("each forwarded fold was deleted in the transaction that forwarded it")
            .isNotEmpty()
            .allSatisfy((key, value) -> assertThat(value).isNull());

        // Timeouts 7 minutes on in two dozen other functions and streams move the stream time of
        // every task of both paths past the 5-minute suppression window: orders-api resolves.
        Instant later = now.plusSeconds(420);
        for (int g = 0; g < 24; g++) {
          send(
              producer,
              StreamTimeouts.timeout(later, "/aws/lambda/later-" + g, "later-" + g, "l" + g),
              later.toEpochMilli());
        }
        producer.flush();
        List<Alert> orders =
            TopicReader.read(broker.bootstrapServers(), Topics.ALERTS, 52, Duration.ofSeconds(60))
                .stream()
                .map(ConsumerRecord::value)
                .filter(a -> a.resource().logGroup().equals(ORDERS))
                .toList();
        for (String rule : List.of("lambda-task-timeout", StreamTimeouts.ID)) {
          List<Alert> incident = orders.stream().filter(a -> a.rule().id().equals(rule)).toList();
          assertThat(incident)
              .as(rule)
              .extracting(Alert::status)
              .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
          assertThat(incident.get(1).count()).as(rule).isEqualTo(BURST);
          assertThat(incident.get(1).samples()).as(rule).hasSize(Alert.MAX_SAMPLES);
        }
      }
    }
  }

  /** The folded matches on the repartition once they count the whole burst, or after 60 s. */
  private static List<ConsumerRecord<String, Match>> readUntilCounted(String bootstrap) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<ConsumerRecord<String, Match>> folded;
    do {
      folded = TopicReader.readToEnd(bootstrap, REPARTITION, Duration.ofSeconds(30));
    } while (counted(folded) < BURST && System.nanoTime() < deadline);
    return folded;
  }

  private static long counted(List<ConsumerRecord<String, Match>> folded) {
    return folded.stream().mapToLong(r -> r.value().count()).sum();
  }

  /** The last committed value of each key of the fold store's changelog (null: deleted). */
  private static Map<String, byte[]> lastFoldPerKey(EmbeddedKafkaBroker broker) {
    Map<String, byte[]> last = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r :
        TopicReader.readToEnd(broker.bootstrapServers(), FOLDS, Duration.ofSeconds(30))) {
      last.put(r.key(), r.value());
    }
    return last;
  }

  private static void send(
      KafkaProducer<String, LogEvent> producer, LogEvent event, Long timestamp) {
    producer.send(
        new ProducerRecord<>(Topics.LOGS.name(), null, timestamp, event.logGroup(), event));
  }
}
