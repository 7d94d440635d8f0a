package io.tocsin.store;

import io.tocsin.kafka.KafkaClients;
import io.tocsin.model.Silence;
import io.tocsin.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The silences of every instance, kept on the compacted topic {@code tocsin.silences.v1}: a reader
 * thread loads the topic from the beginning into memory and keeps following it; {@link #create} and
 * {@link #expire} write to it and return once the write is acknowledged and read back, so what they
 * wrote is visible here at once and on every other instance within a poll.
 */
public final class TopicSilenceStore implements SilenceStore, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicSilenceStore.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, Silence> producer;
  private final Duration timeout;
  private final Map<String, Silence> silences = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
  private final Thread reader = new Thread(this::follow, "silence-store");
  private volatile boolean stopping;

  /** A store on the cluster of {@code clients}; writes wait at most {@code timeout}. */
  public TopicSilenceStore(KafkaClients clients, Duration timeout) {
    String id = clients.settings().applicationId() + "-silences-" + clients.settings().instanceId();
    Map<String, Object> props = clients.consumer(id, id);
    props.remove(
        ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: every instance reads all
    this.consumer =
        new KafkaConsumer<>(
            props, Topics.SILENCES.keySerde().deserializer(), new ByteArrayDeserializer());
    this.producer =
        new KafkaProducer<>(
            clients.producer(id),
            Topics.SILENCES.keySerde().serializer(),
            Topics.SILENCES.valueSerde().serializer());
    this.timeout = timeout;
  }

  /**
   * Reads the topic up to its current end, then keeps following it in the background.
   *
   * @throws IllegalStateException when the topic does not exist (run {@code TopicProvisioner})
   */
  public void start() {
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.SILENCES.name(), timeout).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    if (partitions.isEmpty()) {
      throw new IllegalStateException(
          "topic " + Topics.SILENCES.name() + " does not exist; provision tocsin's topics first");
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    reader.setDaemon(true);
    reader.start();
    end.forEach((tp, offset) -> awaitRead(tp, offset - 1));
    LOG.info("silence store loaded {} silences", silences.size());
  }

  @Override
  public List<Silence> all() {
    return silences.values().stream().sorted(NEWEST_FIRST).toList();
  }

  @Override
  public Optional<Silence> get(String id) {
    return Optional.ofNullable(silences.get(id));
  }

  /**
   * Stores a new silence; returns once it is acknowledged and read back.
   *
   * @throws IllegalArgumentException when a silence with its id exists
   */
  @Override
  public void create(Silence silence) {
    if (silence.id() == null || silence.id().isBlank()) {
      throw new IllegalArgumentException("a silence needs an id");
    }
    if (silences.containsKey(silence.id())) {
      throw new IllegalArgumentException("silence " + silence.id() + " exists already");
    }
    write(silence);
  }

  @Override
  public Optional<Silence> expire(String id, Instant now) {
    Silence s = silences.get(id);
    if (s == null || !s.endsAt().isAfter(now)) {
      return Optional.ofNullable(s);
    }
    // A pending silence ends before it would have begun: it never silences anything.
    Instant start = s.startsAt().isBefore(now) ? s.startsAt() : now.minusMillis(1);
    Silence expired = new Silence(s.id(), s.matchers(), start, now, s.createdBy(), s.comment());
    write(expired);
    return Optional.of(expired);
  }

  private void write(Silence silence) {
    try {
      RecordMetadata meta =
          producer
              .send(new ProducerRecord<>(Topics.SILENCES.name(), silence.id(), silence))
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      awaitRead(new TopicPartition(meta.topic(), meta.partition()), meta.offset());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing silence " + silence.id(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot store silence " + silence.id() + ": " + e.getMessage(), e);
    }
  }

  /** Waits until the reader has read past {@code offset} of {@code tp}. */
  private void awaitRead(TopicPartition tp, long offset) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (positions) {
      while (positions.getOrDefault(tp, -1L) <= offset) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || !reader.isAlive()) {
          throw new IllegalStateException(
              "silences on " + tp + " not read up to offset " + offset + " within " + timeout);
        }
        try {
          positions.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while reading silences", e);
        }
      }
    }
  }

  private void follow() {
    try {
      while (!stopping) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          apply(record);
        }
        synchronized (positions) {
          consumer.assignment().forEach(tp -> positions.put(tp, consumer.position(tp)));
          positions.notifyAll();
        }
      }
    } catch (InterruptException e) {
      LOG.debug("silence reader interrupted");
    } catch (RuntimeException e) {
      LOG.error("silence reader stopped; silences are no longer updated", e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      silences.remove(record.key());
      return;
    }
    try {
      silences.put(
          record.key(),
          Topics.SILENCES.valueSerde().deserializer().deserialize(record.topic(), record.value()));
    } catch (SerializationException e) {
      LOG.warn(
          "skipping unreadable silence {} at {}-{}@{}: {}",
          record.key(),
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  @Override
  public void close() {
    stopping = true;
    if (reader.getState() == Thread.State.NEW) {
      consumer.close();
    }
    try {
      reader.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(2));
  }
}
