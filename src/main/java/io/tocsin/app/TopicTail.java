package io.tocsin.app;

import io.tocsin.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows a topic from its end on a thread of its own and hands each committed value to a handler:
 * how {@code tocsin local} shows what the pipeline writes from now on.
 */
final class TopicTail<V> implements AutoCloseable {

  private final KafkaConsumer<String, V> consumer;
  private final String topic;
  private final Consumer<V> handler;
  private final Thread thread;

  /** A tail of {@code topic} read with {@code consumerProperties} (read_committed). */
  TopicTail(
      Map<String, Object> consumerProperties,
      Topic<String, V> topic,
      Consumer<V> handler,
      String threadName) {
    this.consumer =
        new KafkaConsumer<>(
            consumerProperties, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    this.topic = topic.name();
    this.handler = handler;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
  }

  /** Starts at the end of the topic: only records written from now on are handled. */
  void start() {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread.start();
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() != null) {
            handler.accept(record.value());
          }
        }
      }
    } catch (WakeupException e) {
      // close() was called
    } finally {
      consumer.close(Duration.ofSeconds(1));
    }
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
