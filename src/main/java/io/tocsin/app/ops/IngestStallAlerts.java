package io.tocsin.app.ops;

import io.tocsin.detect.Fingerprints;
import io.tocsin.ingest.kinesis.ShardStall;
import io.tocsin.ingest.kinesis.StallListener;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.Severity;
import io.tocsin.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Kinesis shard stalls into alerts on tocsin.alerts.v1 (rule {@code ingest-stall}, severity
 * high, fingerprint per shard), so they reach the store, the console and the receivers like any
 * other alert; the shard's recovery resolves it. A stall usually means Kafka is unreachable, so
 * each alert is sent again every few seconds until Kafka takes it; alerts go out one at a time, in
 * order.
 */
public final class IngestStallAlerts implements StallListener, AutoCloseable {

  /** Rule id of ingest stall alerts. */
  public static final String RULE_ID = "ingest-stall";

  private static final Logger LOG = LoggerFactory.getLogger(IngestStallAlerts.class);
  private static final Duration RESEND_AFTER = Duration.ofSeconds(5);

  private final Producer<String, byte[]> producer;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "tocsin-ingest-stall-alerts");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean closed;

  /** Alerts written with a producer of {@code clients}, named after {@code instanceId}. */
  public IngestStallAlerts(KafkaClients clients, String instanceId) {
    Map<String, Object> props = clients.producer("tocsin-ingest-stall-alerts-" + instanceId);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public void stalled(ShardStall stall) {
    send(alert(stall, AlertStatus.FIRING, stall.since()));
  }

  @Override
  public void recovered(ShardStall stall, Instant at) {
    send(alert(stall, AlertStatus.RESOLVED, at));
  }

  /** The alert of {@code stall} in {@code status}, updated at {@code at}. */
  static Alert alert(ShardStall stall, AlertStatus status, Instant at) {
    String fingerprint = Fingerprints.of(RULE_ID, stall.shard());
    boolean firing = status == AlertStatus.FIRING;
    return new Alert(
        Alert.SCHEMA_VERSION,
        Fingerprints.stateChangeId(fingerprint, stall.since(), status.label()),
        fingerprint,
        status,
        new Alert.AlertRule(RULE_ID, "Kinesis ingest stalled", "ingest", Severity.HIGH, List.of()),
        "Kinesis shard " + stall.shard() + " cannot publish to Kafka",
        firing
            ? "tocsin has been unable to publish records of "
                + stall.shard()
                + " to Kafka since "
                + stall.since()
                + "; nothing from it is being detected. Last failure: "
                + (stall.lastFailure() == null ? "none reported" : stall.lastFailure())
            : stall.shard()
                + " is no longer stalled here (stalled from "
                + stall.since()
                + " to "
                + at
                + "): it publishes again, or this worker released it to another.",
        stall.since(),
        at,
        firing ? null : at,
        0,
        null,
        new Alert.Resource(null, null, null, "kinesis:" + stall.stream(), null, null, null),
        List.of(),
        List.of(),
        Map.of("source", "tocsin", "stream", stall.stream(), "shard", stall.shardId()),
        null);
  }

  private void send(Alert alert) {
    byte[] value = Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert);
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(Topics.ALERTS.name(), alert.fingerprint(), value);
    sender.execute(() -> sendUntilTaken(record, alert));
  }

  private void sendUntilTaken(ProducerRecord<String, byte[]> record, Alert alert) {
    while (!closed) {
      try {
        producer.send(record).get();
        LOG.info("{} alert {} ({}) written", alert.status().label(), alert.id(), alert.title());
        return;
      } catch (ExecutionException | KafkaException e) {
        Throwable cause =
            e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        LOG.warn(
            "cannot write the {} alert '{}' yet ({}); trying again in {} s",
            alert.status().label(),
            alert.title(),
            cause.toString(),
            RESEND_AFTER.toSeconds());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(RESEND_AFTER.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    sender.shutdownNow();
    try {
      sender.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
