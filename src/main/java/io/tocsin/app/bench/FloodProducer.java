package io.tocsin.app.bench;

import io.tocsin.kafka.KafkaClients;
import io.tocsin.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces records to one topic as fast as the processor takes them: round-robin over a pool of
 * records serialized beforehand (so the producer costs little CPU), pausing whenever the backlog
 * reaches its bound (so the processor never starves and the disk does not fill).
 */
final class FloodProducer implements AutoCloseable {

  /** One serialized record. */
  record Payload(byte[] key, byte[] value) {}

  private static final int CHECK_EVERY = 10_000;

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final List<Payload> pool;
  private final LongSupplier backlog;
  private final long maxBacklog;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * A producer of {@code pool} to {@code topic} that pauses while {@code backlog} (records not yet
   * processed) is at least {@code maxBacklog}.
   */
  FloodProducer(
      KafkaClients clients,
      String topic,
      List<Payload> pool,
      LongSupplier backlog,
      long maxBacklog) {
    Map<String, Object> props = clients.producer("tocsin-bench-" + topic);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.pool = pool;
    this.backlog = backlog;
    this.maxBacklog = maxBacklog;
    this.thread = new Thread(this::run, "bench-flood-" + topic);
    thread.setDaemon(true);
  }

  /** Serializes {@code values} for {@code topic}, keyed as ingest keys them. */
  static <V> List<Payload> payloads(
      Topic<String, V> topic, List<V> values, Function<V, String> key) {
    List<Payload> payloads = new ArrayList<>(values.size());
    for (V value : values) {
      payloads.add(
          new Payload(
              topic.keySerde().serializer().serialize(topic.name(), key.apply(value)),
              topic.valueSerde().serializer().serialize(topic.name(), value)));
    }
    return payloads;
  }

  /** Starts producing. */
  void start() {
    thread.start();
  }

  private void run() {
    int next = 0;
    while (running) {
      if (backlog.getAsLong() >= maxBacklog) {
        pause();
        continue;
      }
      for (int i = 0; i < CHECK_EVERY && running; i++) {
        Payload p = pool.get(next);
        next = (next + 1) % pool.size();
        producer.send(new ProducerRecord<>(topic, p.key(), p.value()));
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops producing and waits for what was sent to be acknowledged. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(30));
  }
}
