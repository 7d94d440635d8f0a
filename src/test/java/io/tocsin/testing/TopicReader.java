package io.tocsin.testing;

import io.tocsin.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads committed records of a topic from the beginning, for assertions in integration tests. */
public final class TopicReader {

  private TopicReader() {}

  /**
   * Polls {@code topic} (read_committed, from the earliest offset) until {@code expected} records
   * arrived or {@code timeout} passed; returns what arrived.
   */
  public static <K, V> List<ConsumerRecord<K, V>> read(
      String bootstrapServers, Topic<K, V> topic, int expected, Duration timeout) {
    Map<String, Object> props =
        Map.of(
            "bootstrap.servers",
            bootstrapServers,
            "group.id",
            "it-reader-" + UUID.randomUUID(),
            "auto.offset.reset",
            "earliest",
            "isolation.level",
            "read_committed",
            "enable.auto.commit",
            false);
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer =
        new KafkaConsumer<>(
            props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    }
    return records;
  }
}
