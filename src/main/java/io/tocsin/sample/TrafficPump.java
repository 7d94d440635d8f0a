package io.tocsin.sample;

import io.tocsin.topics.Topic;
import io.tocsin.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one second of {@link SampleTraffic} every second, in real time, to the ingest topics; the
 * local stand-in for data arriving from Kinesis.
 */
public final class TrafficPump implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrafficPump.class);

  private final SampleTraffic traffic;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Clock clock;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  /** A pump writing with a producer built from {@code producerProperties}. */
  public TrafficPump(SampleTraffic traffic, Map<String, Object> producerProperties, Clock clock) {
    this.traffic = traffic;
    this.producer =
        new KafkaProducer<>(
            producerProperties,
            new org.apache.kafka.common.serialization.ByteArraySerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer());
    this.clock = clock;
    this.thread = new Thread(this::run, "traffic-pump");
    thread.setDaemon(true);
  }

  /** Starts sending. */
  public void start() {
    thread.start();
  }

  /** Events Kafka has acknowledged so far. */
  public long acknowledged() {
    return acknowledged.get();
  }

  /** Events Kafka refused so far. */
  public long failed() {
    return failed.get();
  }

  private void run() {
    Instant next = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    while (running) {
      SampleTraffic.Batch batch = traffic.second(next);
      batch.logs().forEach(e -> send(Topics.LOGS, e.logGroup(), e));
      batch.cloudTrail().forEach(e -> send(Topics.CLOUDTRAIL, e.account(), e));
      producer.flush();
      next = next.plusSeconds(1);
      long sleep = next.toEpochMilli() - clock.millis();
      if (sleep > 0) {
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private <V> void send(Topic<String, V> topic, String key, V value) {
    byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(new ProducerRecord<>(topic.name(), k, v), (meta, error) -> count(error));
  }

  private void count(Exception error) {
    if (error == null) {
      acknowledged.incrementAndGet();
    } else if (failed.incrementAndGet() == 1) {
      LOG.warn("sample traffic not accepted by Kafka: {}", error.getMessage());
    }
  }

  /** Stops sending and closes the producer after in-flight sends complete. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(java.time.Duration.ofSeconds(2));
  }
}
