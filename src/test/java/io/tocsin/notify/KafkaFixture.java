package io.tocsin.notify;

import io.tocsin.config.KafkaSettings;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.model.Alert;
import io.tocsin.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** An embedded broker with tocsin's topics, and the produce/inspect helpers notify ITs share. */
public final class KafkaFixture implements AutoCloseable {

  private final EmbeddedKafkaBroker broker;
  private final Path dir;

  private KafkaFixture(EmbeddedKafkaBroker broker, Path dir) {
    this.broker = broker;
    this.dir = dir;
  }

  /** Starts a broker under {@code dir} and creates every tocsin topic (3 partitions). */
  public static KafkaFixture start(Path dir) {
    KafkaFixture fixture = new KafkaFixture(EmbeddedKafkaBroker.start(dir.resolve("kafka")), dir);
    new TopicProvisioner(fixture.clients("it")).ensure(Topics.ALL);
    return fixture;
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Clients for the application id {@code it} and instance {@code instanceId}. */
  public KafkaClients clients(String instanceId) {
    return new KafkaClients(
        KafkaSettings.defaults()
            .withCluster(broker.bootstrapServers(), dir.resolve("state").toString())
            .withInstanceId(instanceId));
  }

  /** Writes {@code alerts} to tocsin.alerts.v1, keyed by fingerprint, in order. */
  public void produce(List<Alert> alerts) {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (Alert a : alerts) {
        producer.send(
            new ProducerRecord<>(
                Topics.ALERTS.name(),
                a.fingerprint(),
                Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), a)));
      }
      producer.flush();
    }
  }

  /** Writes raw bytes to tocsin.alerts.v1 (for records that are not alerts). */
  public void produceRaw(String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer.send(new ProducerRecord<>(Topics.ALERTS.name(), key, value));
      producer.flush();
    }
  }

  /** The offsets {@code group} committed on tocsin.alerts.v1, summed over partitions. */
  public long committed(String group) throws Exception {
    try (Admin admin = Admin.create(clients("it").admin())) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(Topics.ALERTS.name()) && e.getValue() != null)
          .collect(Collectors.summingLong(e -> e.getValue().offset()));
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        clients("it").producer("it-alerts"), new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public void close() {
    broker.close();
  }
}
