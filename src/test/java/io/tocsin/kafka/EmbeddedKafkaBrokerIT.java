package io.tocsin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.KafkaSettings;
import io.tocsin.testing.TopicReader;
import io.tocsin.topics.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

  private static final Topic<String, String> IN =
      new Topic<>("it.words.v1", Serdes.String(), Serdes.String());
  private static final Topic<String, String> OUT =
      new Topic<>("it.shouted.v1", Serdes.String(), Serdes.String());

  @TempDir Path dir;

  @Test
  void shouldKeepDataAcrossARestart() throws Exception {
    String bootstrap;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir)) {
      System.out.printf("embedded broker first start: %d ms%n", broker.startMillis());
      bootstrap = broker.bootstrapServers();
      KafkaClients clients = clients(bootstrap);
      new TopicProvisioner(clients).ensure(List.of(IN));
      produce(clients, "k", "kept across restarts");
    }
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir)) {
      System.out.printf("embedded broker restart: %d ms%n", broker.startMillis());
      List<ConsumerRecord<String, String>> records =
          TopicReader.read(broker.bootstrapServers(), IN, 1, Duration.ofSeconds(20));
      assertThat(records).extracting(ConsumerRecord::value).containsExactly("kept across restarts");
    }
  }

  @Test
  void shouldRestartOnTheSamePortsSoThatAConnectedProducerCarriesOn() throws Exception {
    EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dir);
    KafkaClients clients = clients(first.bootstrapServers());
    new TopicProvisioner(clients).ensure(List.of(IN));
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            clients.producer("it"), Serdes.String().serializer(), Serdes.String().serializer())) {
      producer.send(new ProducerRecord<>(IN.name(), "k", "before")).get();
      first.close();
      try (EmbeddedKafkaBroker again =
          EmbeddedKafkaBroker.start(dir, first.brokerPort(), first.controllerPort())) {
        assertThat(again.bootstrapServers()).isEqualTo(first.bootstrapServers());
        producer.send(new ProducerRecord<>(IN.name(), "k", "after")).get(30, TimeUnit.SECONDS);
        List<ConsumerRecord<String, String>> records =
            TopicReader.read(again.bootstrapServers(), IN, 2, Duration.ofSeconds(20));
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("before", "after");
      }
    }
  }

  @Test
  void shouldCommitExactlyOnceStreamsOutputAndRejoinWithoutStallAfterRestart() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir)) {
      KafkaClients clients = clients(broker.bootstrapServers());
      new TopicProvisioner(clients).ensure(List.of(IN, OUT));
      for (int i = 0; i < 100; i++) {
        produce(clients, "k" + (i % 7), "word-" + i);
      }
      try (StreamsService service = shoutingService(clients)) {
        service.start();
        assertThat(service.awaitRunning(Duration.ofSeconds(30))).isTrue();
        List<ConsumerRecord<String, String>> out =
            TopicReader.read(broker.bootstrapServers(), OUT, 100, Duration.ofSeconds(30));
        assertThat(out).hasSize(100);
        assertThat(out).extracting(ConsumerRecord::value).contains("WORD-0", "WORD-99");
      }
      produce(clients, "k", "after-restart");
      long t0 = System.nanoTime();
      try (StreamsService again = shoutingService(clients)) {
        again.start();
        assertThat(again.awaitRunning(Duration.ofSeconds(30))).isTrue();
        List<ConsumerRecord<String, String>> out =
            TopicReader.read(broker.bootstrapServers(), OUT, 101, Duration.ofSeconds(30));
        long rejoinMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("streams restart to output: %d ms%n", rejoinMillis);
        assertThat(out).hasSize(101);
        assertThat(out.get(100).value()).isEqualTo("AFTER-RESTART");
        assertThat(rejoinMillis).as("no 45 s session-timeout stall").isLessThan(20_000);
        assertThat(again.state()).isEqualTo(KafkaStreams.State.RUNNING);
      }
    }
  }

  private KafkaClients clients(String bootstrap) {
    return new KafkaClients(
        KafkaSettings.defaults().withCluster(bootstrap, dir.resolve("state").toString()));
  }

  private static StreamsService shoutingService(KafkaClients clients) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(IN.name(), IN.consumed("read-words"))
        .mapValues(v -> v.toUpperCase(java.util.Locale.ROOT), Named.as("shout"))
        .to(OUT.name(), OUT.produced("write-shouted"));
    return new StreamsService("it", builder.build(), clients.streams("it"));
  }

  private static void produce(KafkaClients clients, String key, String value) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            clients.producer("it"), Serdes.String().serializer(), Serdes.String().serializer())) {
      producer.send(new ProducerRecord<>(IN.name(), key, value)).get();
    }
  }
}
