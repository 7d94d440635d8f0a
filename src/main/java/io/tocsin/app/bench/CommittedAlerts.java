package io.tocsin.app.bench;

import io.tocsin.kafka.KafkaClients;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.topics.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Alerts arriving on {@code tocsin.alerts.v1} as an analyst's read_committed consumer sees them:
 * only once the detection transaction that produced them has committed.
 */
final class CommittedAlerts implements AlertArrivals {

  private final KafkaConsumer<String, Alert> consumer;
  private Thread thread;
  private volatile boolean running = true;

  /** A watcher on the alerts topic of the cluster of {@code clients}. */
  CommittedAlerts(KafkaClients clients) {
    this.consumer =
        new KafkaConsumer<>(
            clients.consumer("tocsin-bench-alerts", "tocsin-bench-alerts"),
            Topics.ALERTS.keySerde().deserializer(),
            Topics.ALERTS.valueSerde().deserializer());
  }

  @Override
  public String name() {
    return "committed_alert";
  }

  @Override
  public String describe() {
    return "committed alert on " + Topics.ALERTS.name() + " (read_committed consumer)";
  }

  @Override
  public void start(Listener listener) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.ALERTS.name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread = new Thread(() -> poll(listener), "bench-alerts");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll(Listener listener) {
    try {
      while (running) {
        for (ConsumerRecord<String, Alert> r : consumer.poll(Duration.ofMillis(20))) {
          long now = System.nanoTime();
          if (r.value() != null && r.value().status() == AlertStatus.FIRING) {
            listener.arrived(r.value().fingerprint(), now);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread == null) {
      consumer.close();
      return;
    }
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
