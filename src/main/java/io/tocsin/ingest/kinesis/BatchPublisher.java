package io.tocsin.ingest.kinesis;

import io.tocsin.ingest.decode.ReasonCode;
import io.tocsin.ingest.kinesis.OutgoingBatch.Outgoing;
import io.tocsin.model.DeadLetter;
import io.tocsin.topics.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes decoded records to the logs, CloudTrail and dead-letter topics and blocks until Kafka
 * acknowledged every one: the caller checkpoints only after that. Records Kafka fails are sent
 * again with exponential backoff (100 ms doubling to 30 s) for as long as it takes, so a slow or
 * unreachable cluster stalls reading instead of filling memory; a record too large for the cluster
 * is replaced by a {@code too_large_for_kafka} dead letter. Shared by every shard of a worker.
 */
final class BatchPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(BatchPublisher.class);
  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 30_000;
  private static final long POLL_MILLIS = 100;

  private final Producer<byte[], byte[]> producer;
  private final IngestMetrics metrics;
  private final Clock clock;

  BatchPublisher(Producer<byte[], byte[]> producer, IngestMetrics metrics, Clock clock) {
    this.producer = producer;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Publishes every record of {@code batch}. Returns {@code true} once all are acknowledged, or
   * {@code false} as soon as {@code giveUp} says so (some records may then be in Kafka already).
   * Each round that Kafka fails records is described to {@code failed}.
   */
  boolean publish(OutgoingBatch batch, BooleanSupplier giveUp, Consumer<String> failed) {
    List<Outgoing> pending = batch.records();
    long backoff = FIRST_BACKOFF_MILLIS;
    try {
      while (!pending.isEmpty()) {
        pending = sendAndAwait(pending, giveUp, failed);
        if (!pending.isEmpty()) {
          metrics.publishRetried();
          pause(backoff, giveUp);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
      }
      return true;
    } catch (GaveUp e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Sends {@code batch}, waits for every acknowledgement, returns what must be sent again. */
  private List<Outgoing> sendAndAwait(
      List<Outgoing> batch, BooleanSupplier giveUp, Consumer<String> failed)
      throws GaveUp, InterruptedException {
    List<Future<RecordMetadata>> futures = new ArrayList<>(batch.size());
    for (Outgoing o : batch) {
      futures.add(send(o.record()));
    }
    List<Outgoing> again = new ArrayList<>();
    Throwable firstFailure = null;
    for (int i = 0; i < batch.size(); i++) {
      Throwable failure = await(futures.get(i), giveUp);
      if (failure == null) {
        continue;
      }
      Outgoing o = batch.get(i);
      if (failure instanceof RecordTooLargeException && !o.isDeadLetter()) {
        again.add(tooLarge(o, failure));
      } else if (failure instanceof RecordTooLargeException) {
        LOG.error(
            "dead letter for {} is too large for Kafka and is dropped: {}",
            o.source(),
            failure.getMessage());
      } else {
        again.add(o);
        firstFailure = firstFailure == null ? failure : firstFailure;
      }
    }
    if (firstFailure != null) {
      failed.accept("Kafka did not acknowledge " + again.size() + " records: " + firstFailure);
      LOG.warn(
          "Kafka did not acknowledge {} of {} records; sending them again: {}",
          again.size(),
          batch.size(),
          firstFailure.toString());
    }
    return again;
  }

  private Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
    try {
      return producer.send(record);
    } catch (KafkaException | IllegalStateException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Throwable await(Future<RecordMetadata> future, BooleanSupplier giveUp)
      throws GaveUp, InterruptedException {
    while (true) {
      try {
        future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        return null;
      } catch (ExecutionException e) {
        return e.getCause() == null ? e : e.getCause();
      } catch (TimeoutException e) {
        if (giveUp.getAsBoolean()) {
          throw new GaveUp();
        }
      }
    }
  }

  private static void pause(long millis, BooleanSupplier giveUp)
      throws GaveUp, InterruptedException {
    for (long waited = 0; waited < millis; waited += POLL_MILLIS) {
      if (giveUp.getAsBoolean()) {
        throw new GaveUp();
      }
      Thread.sleep(Math.min(POLL_MILLIS, millis - waited));
    }
  }

  private Outgoing tooLarge(Outgoing o, Throwable failure) {
    byte[] value = o.record().value();
    DeadLetter letter =
        DeadLetter.of(
            ReasonCode.TOO_LARGE_FOR_KAFKA.code(),
            "a "
                + value.length
                + "-byte record for "
                + o.record().topic()
                + " was refused: "
                + failure.getMessage(),
            o.source(),
            clock.instant(),
            value);
    metrics.deadLettered(letter.reason());
    return Outgoing.of(Topics.DEADLETTER, letter.reason(), letter, letter.source());
  }

  /** Signals that the caller no longer wants the batch (stopping): stop waiting at once. */
  private static final class GaveUp extends Exception {
    private static final long serialVersionUID = 1L;

    GaveUp() {
      super(null, null, false, false);
    }
  }
}
