package io.tocsin.testing;

import io.tocsin.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads committed records of a topic from the beginning, for assertions in integration tests. */
public final class TopicReader {

  private TopicReader() {}

  /**
   * Polls {@code topic} (read_committed, from the earliest offset) until {@code expected} records
   * arrived or {@code timeout} passed; returns what arrived.
   */
  public static <K, V> List<ConsumerRecord<K, V>> read(
      String bootstrapServers, Topic<K, V> topic, int expected, Duration timeout) {
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = consumer(bootstrapServers, topic)) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    }
    return records;
  }

  /**
   * Every record of {@code topic} committed by now: read_committed from the earliest offset up to
   * each partition's last stable offset as of the call. Unlike {@link #read} with a count above
   * what is expected, it returns as soon as it has read that far, so an assertion that nothing more
   * was written waits for nothing. Fails if it cannot read that far within {@code timeout}.
   */
  public static <K, V> List<ConsumerRecord<K, V>> readToEnd(
      String bootstrapServers, Topic<K, V> topic, Duration timeout) {
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = consumer(bootstrapServers, topic)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "could not read " + topic.name() + " to its end " + end + " within " + timeout);
        }
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    }
    return records;
  }

  private static <K, V> KafkaConsumer<K, V> consumer(String bootstrapServers, Topic<K, V> topic) {
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
    return new KafkaConsumer<>(
        props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }
}
