package io.tocsin.ingest.kinesis;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.tocsin.config.KinesisSettings;
import io.tocsin.ingest.decode.RecordDecoder;
import io.tocsin.kafka.KafkaClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * <p>The KCL worker is supervised ({@link KclSupervisor}: restarted with backoff when it stops on
 * its own) and every shard's progress is watched ({@link ShardProgress}): {@link #health()} tells
 * the health checks whether it reads, since when it is down and which shards are stalled.
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
  private final StallListener stallListener;
  private final Clock clock = Clock.systemUTC();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private AwsClients aws;
  private Producer<byte[], byte[]> producer;
  private KafkaClientMetrics producerMetrics;
  private volatile ShardProgress progress;
  private StallWatch stallWatch;
  private volatile KclSupervisor supervisor;

  /**
   * A source for {@code settings} (its streams must not be empty), publishing through {@code
   * kafka}, decoding with {@code decoder} (share it with replay to share the CloudTrail
   * de-duplication window), counting into {@code registry}, telling {@code stallListener} when a
   * shard stalls and recovers.
   */
  public KinesisSource(
      KinesisSettings settings,
      KafkaClients kafka,
      RecordDecoder decoder,
      MeterRegistry registry,
      StallListener stallListener) {
    if (!settings.enabled()) {
      throw new IllegalArgumentException("kinesis.streams is empty: nothing to read");
    }
    this.settings = settings;
    this.kafka = kafka;
    this.decoder = decoder;
    this.metrics = new IngestMetrics(registry);
    this.registry = registry;
    this.stallListener = stallListener;
  }

  /**
   * Starts the KCL worker on its own thread, supervised (restarted with backoff if it stops), and
   * returns; leases are taken in the background. A configuration the KCL refuses throws here.
   */
  public synchronized void start() {
    if (supervisor != null) {
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
    progress = new ShardProgress(clock, settings.stallAfter());
    BatchPublisher publisher = new BatchPublisher(producer, metrics, clock);
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
    KclSupervisor kcl =
        new KclSupervisor(
            states -> KclScheduler.build(settings, aws, processors, states),
            progress::held,
            clock,
            settings.applicationName());
    try {
      kcl.start();
    } catch (RuntimeException e) {
      producerMetrics.close();
      producer.close();
      aws.close();
      throw e;
    }
    supervisor = kcl;
    stallWatch = new StallWatch(progress, stallListener, clock, settings.stallAfter());
    stallWatch.start();
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
    if (supervisor == null) {
      return;
    }
    long t0 = System.nanoTime();
    boolean graceful = false;
    supervisor.stopRestarting();
    Scheduler scheduler = supervisor.scheduler();
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
      join(supervisor);
      stallWatch.close();
      producerMetrics.close();
      producer.close();
      // Netty waits a 2 s quiet period on close; nothing uses the clients any more.
      CompletableFuture.runAsync(aws::close);
      supervisor = null;
    }
    LOG.info("Kinesis source stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }

  /** Whether the KCL worker finished initializing and runs (it may hold no lease yet). */
  public boolean running() {
    KclSupervisor kcl = supervisor;
    return kcl != null && kcl.started();
  }

  /**
   * How this source is doing, for the health checks: whether it reads, since when the KCL worker
   * has been down, which shards are stalled, and a line for operators.
   */
  public IngestHealth health() {
    KclSupervisor kcl = supervisor; // not locked: answers while a stop is under way
    if (kcl == null) {
      return new IngestHealth(false, null, List.of(), "not started");
    }
    List<ShardStall> stalls = progress.stalls();
    Instant down = kcl.downSince().orElse(null);
    String detail;
    if (down != null) {
      detail =
          "KCL worker down since " + down + " (" + kcl.downReason().orElse("") + "); restarting";
    } else if (!kcl.started()) {
      detail = "KCL worker initializing";
    } else if (!stalls.isEmpty()) {
      detail =
          "stalled: " + stalls.stream().map(st -> st.shard() + " since " + st.since()).toList();
    } else {
      int held = progress.held();
      detail =
          held == 0 ? "KCL worker running, waiting for a lease" : "reading " + held + " shards";
    }
    return new IngestHealth(kcl.started() && stalls.isEmpty(), down, stalls, detail);
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
        progress,
        IngestRecordProcessor.DEFAULT_MAX_CHUNK_BYTES);
  }

  private static void join(KclSupervisor kcl) {
    try {
      kcl.join(Duration.ofSeconds(30));
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
