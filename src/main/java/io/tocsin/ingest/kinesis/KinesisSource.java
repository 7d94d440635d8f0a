package io.tocsin.ingest.kinesis;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.tocsin.config.KinesisSettings;
import io.tocsin.ingest.decode.RecordDecoder;
import io.tocsin.kafka.KafkaClients;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.common.StreamIdentifier;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/**
 * The Kinesis source of {@code tocsin run}: a KCL 3 worker that reads the configured streams and
 * publishes what it decodes to tocsin's topics, checkpointing only what Kafka acknowledged. Run
 * more instances (same application name, distinct worker ids) to share the shards.
 *
 * <p>{@link #stop()} is graceful: each shard finishes and checkpoints its in-flight batch, waiting
 * for Kafka up to {@code shutdown_timeout}; what is still unacknowledged then is left unchecked to
 * be read again by the next owner. Topics must exist ({@code TopicProvisioner}) before {@link
 * #start()}.
 */
public final class KinesisSource implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KinesisSource.class);

  private final KinesisSettings settings;
  private final KafkaClients kafka;
  private final RecordDecoder decoder;
  private final IngestMetrics metrics;
  private final MeterRegistry registry;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private AwsClients aws;
  private Producer<byte[], byte[]> producer;
  private KafkaClientMetrics producerMetrics;
  private Scheduler scheduler;
  private Thread thread;

  /**
   * A source for {@code settings} (its streams must not be empty), publishing through {@code
   * kafka}, decoding with {@code decoder} (share it with replay to share the CloudTrail
   * de-duplication window), counting into {@code registry}.
   */
  public KinesisSource(
      KinesisSettings settings, KafkaClients kafka, RecordDecoder decoder, MeterRegistry registry) {
    if (!settings.enabled()) {
      throw new IllegalArgumentException("kinesis.streams is empty: nothing to read");
    }
    this.settings = settings;
    this.kafka = kafka;
    this.decoder = decoder;
    this.metrics = new IngestMetrics(registry);
    this.registry = registry;
  }

  /** Starts the KCL worker on its own thread and returns; leases are taken in the background. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    Map<String, Object> props = kafka.producer("tocsin-ingest-" + settings.workerId());
    // Bounded so a stop is not held up for a minute by a send waiting on an unreachable cluster.
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    // tagged like the Streams apps' meters (app=...): Prometheus needs one tag-key set per name
    producerMetrics = new KafkaClientMetrics(producer, Tags.of("app", "ingest"));
    producerMetrics.bindTo(registry);
    aws = AwsClients.create(settings);
    BatchPublisher publisher = new BatchPublisher(producer, metrics, Clock.systemUTC());
    String single = settings.streams().size() == 1 ? streamName(settings.streams().get(0)) : null;
    ShardRecordProcessorFactory processors =
        new ShardRecordProcessorFactory() {
          @Override
          public ShardRecordProcessor shardRecordProcessor() {
            return processor(single, publisher);
          }

          @Override
          public ShardRecordProcessor shardRecordProcessor(StreamIdentifier stream) {
            return processor(stream.streamName(), publisher);
          }
        };
    try {
      scheduler = KclScheduler.build(settings, aws, processors);
    } catch (RuntimeException e) {
      producerMetrics.close();
      producer.close();
      aws.close();
      throw e;
    }
    thread = new Thread(scheduler, "tocsin-kinesis-" + settings.applicationName());
    thread.setDaemon(true);
    thread.start();
    LOG.info(
        "Kinesis source started: streams {}, worker {}, lease table {}, {} mode{}",
        settings.streams(),
        settings.workerId(),
        settings.leaseTableName(),
        settings.retrievalMode(),
        settings.localMode() ? " (local emulators)" : "");
  }

  /**
   * Stops gracefully: shards checkpoint what Kafka acknowledged; batches still unacknowledged after
   * {@code shutdown_timeout} are given up (read again later). Idempotent.
   */
  public synchronized void stop() {
    if (thread == null || scheduler == null) {
      return;
    }
    long t0 = System.nanoTime();
    boolean graceful = false;
    try {
      graceful =
          scheduler
              .startGracefulShutdown()
              .get(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn(
          "shards did not finish within {}; giving up their batches", settings.shutdownTimeout());
    } catch (ExecutionException e) {
      LOG.warn("graceful shutdown failed: {}", e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      LOG.info(
          "KCL {} shutdown took {} ms",
          graceful ? "graceful" : "forced",
          (System.nanoTime() - t0) / 1_000_000);
      stopping.set(true);
      if (!graceful) {
        scheduler.shutdown();
      }
      join(thread);
      producerMetrics.close();
      producer.close();
      // Netty waits a 2 s quiet period on close; nothing uses the clients any more.
      CompletableFuture.runAsync(aws::close);
      scheduler = null;
    }
    LOG.info("Kinesis source stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }

  /** Whether the worker thread is running. */
  public synchronized boolean running() {
    return thread != null && thread.isAlive();
  }

  @Override
  public void close() {
    stop();
  }

  private ShardRecordProcessor processor(String stream, BatchPublisher publisher) {
    return new IngestRecordProcessor(
        stream,
        decoder,
        publisher,
        metrics,
        stopping::get,
        IngestRecordProcessor.DEFAULT_MAX_CHUNK_BYTES);
  }

  private static void join(Thread thread) {
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String streamName(String nameOrArn) {
    return nameOrArn.startsWith("arn:")
        ? nameOrArn.substring(nameOrArn.indexOf(":stream/") + ":stream/".length())
        : nameOrArn;
  }
}
