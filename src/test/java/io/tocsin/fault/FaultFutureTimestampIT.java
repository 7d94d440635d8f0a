package io.tocsin.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.KafkaSettings;
import io.tocsin.detect.DetectionTopology;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.StreamsService;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.model.Alert;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.rules.RuleLoader;
import io.tocsin.testing.TopicReader;
import io.tocsin.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log event stamped 90 minutes ahead (CloudWatch Logs accepts events up to two hours in the
 * future, so a client with a skewed clock sends them) must not stop detection: the alerts of the
 * events after it still arrive. Kafka 4 brokers refuse records over an hour ahead; before the alert
 * sink stamped alerts no later than the wall clock, the task retried that alert forever.
 */
class FaultFutureTimestampIT {

  @TempDir Path dir;

  @Test
  void shouldKeepDetectingAfterAnEventStampedAnHourAndAHalfAhead() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      KafkaClients clients =
          new KafkaClients(
              new KafkaSettings(
                  broker.bootstrapServers(),
                  Map.of(),
                  1,
                  1,
                  "fault-future",
                  dir.resolve("state").toString(),
                  Duration.ofMillis(100),
                  "fault-future"));
      new TopicProvisioner(clients).ensure(Topics.ALL);
      try (StreamsService detection =
              new StreamsService(
                  "detect",
                  DetectionTopology.build(RuleLoader.load(List.of())),
                  clients.streams("detect"));
          KafkaProducer<String, LogEvent> producer =
              new KafkaProducer<>(
                  clients.producer("fault-future"),
                  Topics.LOGS.keySerde().serializer(),
                  Topics.LOGS.valueSerde().serializer())) {
        detection.start();
        assertThat(detection.awaitRunning(Duration.ofSeconds(60))).isTrue();
        Instant now = Instant.now();
        for (LogEvent e :
            List.of(
                timeout("/aws/lambda/skewed-clock", now.plus(Duration.ofMinutes(90))),
                timeout("/aws/lambda/on-time", now))) {
          producer.send(new ProducerRecord<>(Topics.LOGS.name(), e.logGroup(), e)).get();
        }

        List<String> groups =
            TopicReader.read(broker.bootstrapServers(), Topics.ALERTS, 2, Duration.ofSeconds(60))
                .stream()
                .map(ConsumerRecord::value)
                .map(Alert::resource)
                .map(Alert.Resource::logGroup)
                .toList();

        assertThat(groups).contains("/aws/lambda/on-time");
      }
    }
  }

  private static LogEvent timeout(String group, Instant at) {
    return new LogEvent(
        "123456789012",
        group,
        "s",
        group,
        at.toEpochMilli(),
        at + " 2ea49a23 Task timed out after 3.00 seconds",
        new SourcePosition("test", "future", "", group));
  }
}
