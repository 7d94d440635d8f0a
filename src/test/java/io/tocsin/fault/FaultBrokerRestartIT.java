package io.tocsin.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.app.bench.ExpectedIncidents;
import io.tocsin.config.KafkaSettings;
import io.tocsin.detect.DetectionTopology;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.StreamsService;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.model.Alert;
import io.tocsin.model.LogEvent;
import io.tocsin.rules.RuleLoader;
import io.tocsin.testing.TopicReader;
import io.tocsin.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops and restarts on the same ports while log events stream in and detection runs
 * with exactly_once_v2: the producer and Streams reconnect by themselves, every event arrives once,
 * and every incident fires exactly once.
 */
class FaultBrokerRestartIT {

  private static final int RECORDS = 1_200;
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir Path dir;

  @Test
  void shouldLoseNothingAndFireEachIncidentOnceWhenTheBrokerRestartsMidStream() throws Exception {
    Path data = dir.resolve("kafka");
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data);
    KafkaClients clients =
        new KafkaClients(
            new KafkaSettings(
                broker.bootstrapServers(),
                Map.of(),
                2,
                1,
                "fault-broker",
                dir.resolve("state").toString(),
                Duration.ofMillis(100),
                "fault-broker"));
    new TopicProvisioner(clients).ensure(Topics.ALL);
    FaultTraffic traffic = new FaultTraffic("broker", 1_000);
    List<LogEvent> events = traffic.events(0, RECORDS);
    try (StreamsService detection =
        new StreamsService(
            "detect",
            DetectionTopology.build(RuleLoader.load(List.of())),
            clients.streams("detect"))) {
      detection.start();
      assertThat(detection.awaitRunning(WAIT)).isTrue();

      CountDownLatch third = new CountDownLatch(1);
      AtomicReference<Exception> failed = new AtomicReference<>();
      Thread producing = new Thread(() -> produce(clients, events, third, failed), "fault-produce");
      producing.start();
      third.await();
      int before = TopicReader.read(broker.bootstrapServers(), Topics.ALERTS, 1, WAIT).size();
      assertThat(before).as("detection under way before the restart").isPositive();
      broker.close();
      Thread.sleep(2_000);
      broker = EmbeddedKafkaBroker.start(data, broker.brokerPort(), broker.controllerPort());
      producing.join(WAIT.toMillis());
      assertThat(failed.get()).as("a send failed").isNull();

      ExpectedIncidents expected = traffic.expected();
      String servers = broker.bootstrapServers();
      TopicReader.read(servers, Topics.ALERTS, expected.fingerprints().size(), WAIT);
      List<Alert> alerts =
          TopicReader.read(
                  servers, Topics.ALERTS, expected.fingerprints().size() + 1, Duration.ofSeconds(5))
              .stream()
              .map(ConsumerRecord::value)
              .toList();
      List<LogEvent> in =
          TopicReader.readToEnd(servers, Topics.LOGS, WAIT).stream()
              .map(ConsumerRecord::value)
              .toList();
      FaultFigures figures =
          new FaultFigures(
              "broker restart mid-stream",
              events.size(),
              traffic.distinct(in),
              in.size(),
              expected.check(alerts),
              0);
      figures.print();

      assertThat(figures.eventsIn()).isEqualTo(events.size());
      assertThat(figures.eventsPublished()).isEqualTo(events.size());
      assertThat(figures.alerts().missing()).isZero();
      assertThat(figures.alerts().duplicates()).isZero();
      assertThat(figures.alerts().unexpected()).isZero();
    } finally {
      broker.close();
    }
  }

  /** Sends {@code events} at about 1,000 a second; opens {@code third} a third of the way in. */
  private static void produce(
      KafkaClients clients,
      List<LogEvent> events,
      CountDownLatch third,
      AtomicReference<Exception> failed) {
    AtomicInteger errors = new AtomicInteger();
    try (KafkaProducer<String, LogEvent> producer =
        new KafkaProducer<>(
            clients.producer("fault-producer"),
            Topics.LOGS.keySerde().serializer(),
            Topics.LOGS.valueSerde().serializer())) {
      for (int i = 0; i < events.size(); i++) {
        LogEvent e = events.get(i);
        producer.send(
            new ProducerRecord<>(Topics.LOGS.name(), e.logGroup(), e),
            (meta, error) -> {
              if (error != null && errors.getAndIncrement() == 0) {
                failed.set(error);
              }
            });
        if (i == events.size() / 3) {
          third.countDown();
        }
        if (i % 10 == 0) {
          Thread.sleep(10);
        }
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed.set(e);
    } finally {
      third.countDown();
    }
  }
}
