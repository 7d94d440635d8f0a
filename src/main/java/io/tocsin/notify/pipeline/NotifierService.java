package io.tocsin.notify.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.tocsin.config.NotifySettings;
import io.tocsin.config.ReceiverSettings;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.model.Alert;
import io.tocsin.model.DeadLetter;
import io.tocsin.model.SourcePosition;
import io.tocsin.notify.Notifier;
import io.tocsin.notify.NotifyMetrics;
import io.tocsin.notify.retry.RetryingDelivery;
import io.tocsin.notify.retry.Sleeper;
import io.tocsin.notify.route.RouteTree;
import io.tocsin.store.SilenceStore;
import io.tocsin.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alert state changes: consumes {@code tocsin.alerts.v1} in the consumer group {@code
 * <kafka.application_id>-notify} and runs each change through the {@link DeliveryPipeline}. Offsets
 * are committed only once every receiver is done with a change (accepted, dead-lettered, silenced,
 * grouped or throttled) and its receipts are acknowledged, and before a second change of the same
 * incident is sent ({@link BatchDelivery}); a change whose receiver failed past the retry budget
 * holds its partition (seek back, pause) until the receiver's rest is over. Changes a sink accepted
 * whose offsets a crash left uncommitted are not sent again ({@link ReceiptReplay}). On {@link
 * #close()} the consumer leaves its group so another instance takes its partitions at once
 * (scale-in).
 */
public final class NotifierService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NotifierService.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /**
   * A static member (group.instance.id) does not leave its group on a plain close, so its
   * partitions would wait the session timeout before another instance takes them: a stopping
   * notifier leaves explicitly, handing its partitions over at once.
   */
  private static final CloseOptions LEAVE_ON_CLOSE =
      CloseOptions.timeout(Duration.ofSeconds(5))
          .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);

  private final Map<String, Notifier> notifiers;
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaClientMetrics consumerMetrics;
  private final KafkaRecorder recorder;
  private final DeliveryPipeline pipeline;
  private final Clock clock;
  private final PartitionHolds holds;
  private final ReceiptReplay rebalance;
  private final BatchDelivery batches;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile Throwable failure;

  /**
   * The service for {@code settings}, with sink clients created from the settings (PagerDuty
   * routing keys read from {@code env}). Call {@link #start()} to begin.
   */
  public static NotifierService create(
      NotifySettings settings,
      KafkaClients clients,
      SilenceStore silences,
      MeterRegistry registry,
      Clock clock,
      Map<String, String> env) {
    return new NotifierService(
        settings,
        clients,
        silences,
        Notifiers.create(settings, env, clock),
        registry,
        clock,
        Sleeper.system(),
        new SplittableRandom());
  }

  /**
   * The service for {@code settings} delivering through {@code notifiers} (by receiver name; a
   * receiver without one delivers nowhere), waiting between retries with {@code sleeper}.
   */
  public NotifierService(
      NotifySettings settings,
      KafkaClients clients,
      SilenceStore silences,
      Map<String, Notifier> notifiers,
      MeterRegistry registry,
      Clock clock,
      Sleeper sleeper,
      RandomGenerator random) {
    this.notifiers = Map.copyOf(notifiers);
    this.clock = clock;
    Map<String, Receiver> receivers = new LinkedHashMap<>();
    for (ReceiverSettings r : settings.receivers()) {
      receivers.put(r.name(), new Receiver(r, notifiers.get(r.name())));
    }
    NotifyMetrics metrics = new NotifyMetrics(registry);
    String group = clients.settings().applicationId() + "-notify";
    this.recorder = new KafkaRecorder(clients.producer(group + "-receipts"), metrics);
    this.pipeline =
        new DeliveryPipeline(
            RouteTree.compile(settings.route(), "notify.route"),
            receivers,
            silences,
            new RetryingDelivery(settings.retry(), clock, sleeper, random, recorder, metrics),
            recorder,
            metrics,
            clock,
            settings.retry().maxBackoff());
    Map<String, Object> props = clients.consumer(group, group);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    props.put(
        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, group + "-" + clients.settings().instanceId());
    // Scaling in or out moves only the partitions that change owner (the others keep delivering),
    // and a member learns of the rebalance within half a second: pages wait at most about that.
    props.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
    // One batch may spend the whole retry budget once per failing receiver (later changes for a
    // resting receiver fail fast): the consumer must not be deemed dead meanwhile.
    long budget = settings.retry().maxElapsed().toMillis() * (receivers.size() + 1) + 60_000;
    props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.max(300_000, budget));
    this.consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    // tagged like the Streams apps' meters (app=...): Prometheus needs one tag-key set per name
    this.consumerMetrics = new KafkaClientMetrics(consumer, Tags.of("app", "notify"));
    consumerMetrics.bindTo(registry);
    this.holds = new PartitionHolds(consumer, clock);
    this.rebalance = new ReceiptReplay(consumer, holds, clients, group, pipeline::alreadyDelivered);
    this.batches = new BatchDelivery(consumer, holds, this::deliver, this::commit);
    this.thread = new Thread(this::run, "notifier");
  }

  /** Subscribes and starts delivering in a background thread. */
  public void start() {
    consumer.subscribe(List.of(Topics.ALERTS.name()), rebalance);
    thread.start();
    LOG.info("notifier started for receivers {}", notifiers.keySet());
  }

  /** Whether the delivery thread is running. */
  public boolean running() {
    return thread.isAlive();
  }

  /** The error that stopped the delivery thread, if one did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  private void run() {
    try {
      while (!stopping) {
        batches.run(consumer.poll(POLL));
        pipeline.sendSummaries(false);
        holds.releaseDue();
      }
      pipeline.sendSummaries(true);
      recorder.flush();
    } catch (InterruptException e) {
      LOG.info("notifier interrupted while stopping; uncommitted changes will be redelivered");
    } catch (RuntimeException | Error e) {
      failure = e;
      LOG.error("notifier stopped; uncommitted alert changes will be redelivered", e);
      if (e instanceof Error error) {
        throw error;
      }
    } finally {
      Thread.interrupted(); // stopping: let the clients close cleanly
      if (pipeline.heldSummaries() > 0) {
        LOG.warn("{} group summaries were not delivered before stopping", pipeline.heldSummaries());
      }
      consumerMetrics.close();
      consumer.close(LEAVE_ON_CLOSE);
      recorder.close();
    }
  }

  private Optional<Instant> deliver(ConsumerRecord<String, byte[]> record) {
    SourcePosition source =
        SourcePosition.kafka(record.topic(), record.partition(), record.offset());
    byte[] raw = record.value() == null ? new byte[0] : record.value();
    Alert alert;
    try {
      alert = Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      recorder.deadLetter(DeadLetter.of("bad_alert", e.getMessage(), source, clock.instant(), raw));
      return Optional.empty();
    }
    String problem =
        alert == null
            ? "empty record where an alert was expected"
            : alert.id() == null || alert.status() == null || alert.rule() == null
                ? "alert lacks id, status or rule"
                : null;
    if (problem != null) {
      recorder.deadLetter(DeadLetter.of("bad_alert", problem, source, clock.instant(), raw));
      return Optional.empty();
    }
    try {
      return pipeline.process(alert, source, raw);
    } catch (RuntimeException e) {
      LOG.error("cannot deliver alert {} at {}; dead-lettering it", alert.id(), source, e);
      recorder.deadLetter(
          DeadLetter.of("notify_error", e.toString(), source, clock.instant(), raw));
      return Optional.empty();
    }
  }

  /** Makes the receipts so far durable, then commits {@code offsets}; false when either failed. */
  private boolean commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (!recorder.flush()) {
      LOG.warn("receipts were not acknowledged; this batch will be processed again");
      return false;
    }
    String committedAt = ReceiptReplay.metadata(clock.millis());
    Map<TopicPartition, OffsetAndMetadata> stamped = new HashMap<>();
    offsets.forEach((tp, o) -> stamped.put(tp, new OffsetAndMetadata(o.offset(), committedAt)));
    try {
      consumer.commitSync(stamped);
      return true;
    } catch (CommitFailedException | RebalanceInProgressException e) {
      LOG.warn("offsets not committed ({}); these changes will be delivered again", e.toString());
      return false;
    }
  }

  /**
   * Stops: finishes the current change, sends pending group summaries, commits and leaves. A retry
   * wait still running after a grace period is interrupted; its change stays uncommitted.
   */
  @Override
  public void close() {
    stopping = true;
    try {
      if (thread.getState() == Thread.State.NEW) {
        consumerMetrics.close();
        consumer.close(LEAVE_ON_CLOSE);
        recorder.close();
      }
      thread.join(STOP_GRACE.toMillis());
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(STOP_GRACE.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      notifiers.values().forEach(Notifier::close);
    }
    LOG.info("notifier stopped");
  }
}
