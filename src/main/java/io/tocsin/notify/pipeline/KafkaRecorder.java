package io.tocsin.notify.pipeline;

import io.tocsin.model.DeadLetter;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.notify.NotifyMetrics;
import io.tocsin.notify.Recorder;
import io.tocsin.topics.Topic;
import io.tocsin.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes receipts to {@code tocsin.deliveries.v1} and dead letters to {@code tocsin.deadletter.v1}
 * with an idempotent producer. A {@code delivered} receipt not yet durable is the window in which a
 * crash sends its change again (timed as {@code tocsin.delivery.unrecorded}): it is sent at once
 * (no linger) and waited for before the next send. {@link #flush()} tells the service whether every
 * write since the last flush was acknowledged, so offsets are committed only after their outcomes
 * are durable.
 */
final class KafkaRecorder implements Recorder, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaRecorder.class);

  private final KafkaProducer<String, byte[]> producer;
  private final NotifyMetrics metrics;
  private final AtomicReference<Exception> failed = new AtomicReference<>();

  KafkaRecorder(Map<String, Object> producerProperties, NotifyMetrics metrics) {
    Map<String, Object> props = new HashMap<>(producerProperties);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.metrics = metrics;
  }

  @Override
  public void receipt(DeliveryReceipt receipt) {
    long sent = System.nanoTime();
    send(
        Topics.DELIVERIES,
        receipt.fingerprint(),
        receipt,
        () -> {
          if (receipt.outcome() == DeliveryReceipt.Outcome.DELIVERED) {
            metrics.unrecorded(receipt.sink(), Duration.ofNanos(System.nanoTime() - sent));
          }
        });
    if (receipt.outcome() == DeliveryReceipt.Outcome.DELIVERED) {
      // the next send waits: at most one accepted change at a time lacks its durable receipt
      producer.flush();
    }
  }

  @Override
  public void deadLetter(DeadLetter letter) {
    send(Topics.DEADLETTER, letter.reason(), letter, () -> {});
  }

  private <V> void send(Topic<String, V> topic, String key, V value, Runnable acknowledged) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(
        new ProducerRecord<>(topic.name(), key, bytes),
        (meta, error) -> {
          if (error == null) {
            acknowledged.run();
          } else if (failed.compareAndSet(null, error)) {
            LOG.error("cannot write to {}: {}", topic.name(), error.toString());
          }
        });
  }

  /** Waits for every write so far; returns whether all of them were acknowledged. */
  boolean flush() {
    producer.flush();
    return failed.getAndSet(null) == null;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
