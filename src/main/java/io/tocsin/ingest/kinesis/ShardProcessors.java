package io.tocsin.ingest.kinesis;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.ingest.decode.RecordDecoder;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import software.amazon.kinesis.processor.ShardRecordProcessor;

/**
 * Builds the KCL record processors {@code tocsin run} uses, over a caller's producer, for code that
 * drives them directly instead of through a KCL scheduler: {@code tocsin bench} hands them Kinesis
 * batches to measure the ingest hop without the emulator. Like a worker's processors, all share one
 * publisher and one set of ingest meters.
 */
public final class ShardProcessors {

  private final BatchPublisher publisher;
  private final IngestMetrics metrics;
  private final ShardProgress progress;

  /** Processors publishing through {@code producer} and counting into {@code registry}. */
  public ShardProcessors(Producer<byte[], byte[]> producer, MeterRegistry registry) {
    this.metrics = new IngestMetrics(registry);
    this.publisher = new BatchPublisher(producer, metrics, Clock.systemUTC());
    this.progress = new ShardProgress(Clock.systemUTC(), Duration.ofMinutes(2));
  }

  /**
   * A processor for one shard of {@code stream} that decodes with {@code decoder}, publishes each
   * batch and checkpoints only what Kafka acknowledged, as in production; it never gives up waiting
   * for Kafka.
   */
  public ShardRecordProcessor processor(String stream, RecordDecoder decoder) {
    return new IngestRecordProcessor(
        stream,
        decoder,
        publisher,
        metrics,
        () -> false,
        progress,
        IngestRecordProcessor.DEFAULT_MAX_CHUNK_BYTES);
  }
}
