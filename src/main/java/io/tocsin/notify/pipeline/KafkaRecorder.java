package io.tocsin.notify.pipeline;

import io.tocsin.model.DeadLetter;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.notify.Recorder;
import io.tocsin.topics.Topic;
import io.tocsin.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes receipts to {@code tocsin.deliveries.v1} and dead letters to {@code tocsin.deadletter.v1}
 * with an idempotent producer; {@link #flush()} tells the service whether every write since the
 * last flush was acknowledged, so offsets are committed only after their outcomes are durable.
 */
final class KafkaRecorder implements Recorder, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaRecorder.class);

  private final KafkaProducer<String, byte[]> producer;
  private final AtomicReference<Exception> failed = new AtomicReference<>();

  KafkaRecorder(Map<String, Object> producerProperties) {
    this.producer =
        new KafkaProducer<>(producerProperties, new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public void receipt(DeliveryReceipt receipt) {
    send(Topics.DELIVERIES, receipt.fingerprint(), receipt);
  }

  @Override
  public void deadLetter(DeadLetter letter) {
    send(Topics.DEADLETTER, letter.reason(), letter);
  }

  private <V> void send(Topic<String, V> topic, String key, V value) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(
        new ProducerRecord<>(topic.name(), key, bytes),
        (meta, error) -> {
          if (error != null && failed.compareAndSet(null, error)) {
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
