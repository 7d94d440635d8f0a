package io.tocsin.notify;

import io.tocsin.config.KafkaSettings;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.model.Alert;
import io.tocsin.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded broker with tocsin's topics, and the produce/inspect helpers notify ITs share. Either
 * {@link #start} one, or register {@code @RegisterExtension final KafkaFixture kafka = new
 * KafkaFixture();} for a fresh broker per test.
 */
public final class KafkaFixture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

  private EmbeddedKafkaBroker broker;
  private Path dir;

  /**
   * Starts a broker under {@code dir}, creates every tocsin topic (3 partitions) and waits until
   * each partition has a leader: producing into a partition that is still being set up has been
   * seen to confuse the idempotent producer's sequence numbers on a fresh broker.
   */
  public static KafkaFixture start(Path dir) {
    KafkaFixture fixture = new KafkaFixture();
    fixture.startIn(dir);
    return fixture;
  }

  private void startIn(Path dir) {
    this.dir = dir;
    this.broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
    new TopicProvisioner(clients("it")).ensure(Topics.ALL);
    awaitLeaders();
  }

  /** Starts a broker in a directory of its own before each test. */
  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    startIn(Files.createTempDirectory("kafka-fixture"));
  }

  /** Stops the broker after each test and deletes its data. */
  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  private void awaitLeaders() {
    List<String> names = Topics.ALL.stream().map(t -> t.name()).toList();
    try (Admin admin = Admin.create(clients("it").admin())) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (true) {
        boolean ready =
            admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                .flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        if (ready) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("partitions of " + names + " have no leader after 30 s");
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot describe topics: " + e.getMessage(), e);
    }
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

  /**
   * Writes {@code alerts} to tocsin.alerts.v1, keyed by fingerprint, in order; all acknowledged.
   */
  public void produce(List<Alert> alerts) {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (Alert a : alerts) {
        acks.add(
            producer.send(
                new ProducerRecord<>(
                    Topics.ALERTS.name(),
                    a.fingerprint(),
                    Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), a))));
      }
      producer.flush();
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("test alerts not acknowledged: " + e.getMessage(), e);
    }
  }

  /** Writes raw bytes to tocsin.alerts.v1 (for records that are not alerts); acknowledged. */
  public void produceRaw(String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer.send(new ProducerRecord<>(Topics.ALERTS.name(), key, value)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("test record not acknowledged: " + e.getMessage(), e);
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

  /**
   * An in-order producer without idempotence: on a second broker started in one JVM, the first
   * produce into a new topic has been seen to get NOT_LEADER and then OUT_OF_ORDER_SEQUENCE until
   * it expired. A retried batch may now land twice; tests compare commits with {@link #alertsEnd()}
   * and the notifier's dedup makes a duplicate harmless.
   */
  private KafkaProducer<String, byte[]> producer() {
    Map<String, Object> props = clients("it").producer("it-alerts");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** The end offsets of tocsin.alerts.v1 summed over partitions: what a full commit reaches. */
  public long alertsEnd() throws Exception {
    try (Admin admin = Admin.create(clients("it").admin())) {
      Map<TopicPartition, OffsetSpec> latest =
          admin
              .describeTopics(List.of(Topics.ALERTS.name()))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get(Topics.ALERTS.name())
              .partitions()
              .stream()
              .collect(
                  Collectors.toMap(
                      p -> new TopicPartition(Topics.ALERTS.name(), p.partition()),
                      p -> OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
          .mapToLong(ListOffsetsResultInfo::offset)
          .sum();
    }
  }

  @Override
  public void close() {
    if (broker != null) {
      broker.close();
    }
  }
}
