package io.tocsin.app;

import io.tocsin.app.cli.TerminalText;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.topics.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Prints every alert state change committed to {@code tocsin.alerts.v1} from now on, one line each,
 * and counts them: what {@code tocsin local} shows a user.
 */
final class AlertConsole implements AutoCloseable {

  private final KafkaConsumer<String, Alert> consumer;
  private final PrintStream out;
  private final long startNanos;
  private final AtomicLong firing = new AtomicLong();
  private final AtomicLong resolved = new AtomicLong();
  private final Thread thread;
  private volatile long firstAlertMillis = -1;

  /**
   * A console reading with {@code consumerProperties} (read_committed), printing to {@code out}.
   */
  AlertConsole(Map<String, Object> consumerProperties, PrintStream out, long startNanos) {
    this.consumer =
        new KafkaConsumer<>(
            consumerProperties,
            Topics.ALERTS.keySerde().deserializer(),
            Topics.ALERTS.valueSerde().deserializer());
    this.out = out;
    this.startNanos = startNanos;
    this.thread = new Thread(this::run, "alert-console");
    thread.setDaemon(true);
  }

  /** Starts at the end of the topic: only alerts raised from now on are shown. */
  void start() {
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.ALERTS.name()).stream()
            .map((PartitionInfo p) -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread.start();
  }

  long firing() {
    return firing.get();
  }

  long resolved() {
    return resolved.get();
  }

  /** Milliseconds from start to the first alert printed, or -1 before it. */
  long firstAlertMillis() {
    return firstAlertMillis;
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(200))) {
          print(record.value());
        }
      }
    } catch (WakeupException e) {
      // close() was called
    } finally {
      consumer.close(Duration.ofSeconds(1));
    }
  }

  private void print(Alert alert) {
    if (firstAlertMillis < 0) {
      firstAlertMillis = (System.nanoTime() - startNanos) / 1_000_000;
      out.printf("first alert %d ms after start%n", firstAlertMillis);
    }
    (alert.status() == AlertStatus.FIRING ? firing : resolved).incrementAndGet();
    out.println(
        TerminalText.safe(
            String.format(
                "%-8s %-8s %-32s %s (%d event%s)",
                alert.status().label().toUpperCase(java.util.Locale.ROOT),
                alert.rule().severity().label(),
                alert.rule().id(),
                alert.title(),
                alert.count(),
                alert.count() == 1 ? "" : "s")));
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
