package io.tocsin.ingest.kinesis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.ingest.decode.DecodeResult;
import io.tocsin.model.DeadLetter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The Micrometer meters of Kinesis ingestion:
 *
 * <ul>
 *   <li>{@code tocsin.ingest.records{source,shard}} Kinesis records read ({@code source} is the
 *       stream name);
 *   <li>{@code tocsin.ingest.events{type}} records decoded for publishing, {@code type} {@code
 *       log}, {@code cloudtrail} or {@code deadletter};
 *   <li>{@code tocsin.ingest.decode.failures{reason}} dead letters by reason code;
 *   <li>{@code tocsin.ingest.control.messages} CloudWatch Logs control messages skipped;
 *   <li>{@code tocsin.ingest.cloudtrail.duplicates} CloudTrail events dropped as duplicates;
 *   <li>{@code tocsin.ingest.publish.retries} rounds of re-sending records Kafka did not accept;
 *   <li>{@code tocsin.ingest.millis.behind.latest{source,shard}} gauge, how far a shard's reader is
 *       behind the tip of the stream (removed when the shard is released);
 *   <li>{@code tocsin.ingest.shard.stalled{source,shard}} gauge, 1 while a shard of this worker has
 *       waited longer than {@code kinesis.stall_after} for Kafka to take a chunk, else 0 (removed
 *       when the shard is released).
 * </ul>
 */
public final class IngestMetrics {

  private final MeterRegistry registry;
  private final Counter controlMessages;
  private final Counter duplicates;
  private final Counter retries;
  private final Map<String, Gauge> behindGauges = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> behind = new ConcurrentHashMap<>();
  private final Map<String, Gauge> stalledGauges = new ConcurrentHashMap<>();

  /** Meters registered in {@code registry}. */
  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.controlMessages = registry.counter("tocsin.ingest.control.messages");
    this.duplicates = registry.counter("tocsin.ingest.cloudtrail.duplicates");
    this.retries = registry.counter("tocsin.ingest.publish.retries");
  }

  /** Counts {@code count} Kinesis records read from a shard. */
  void recordsRead(String stream, String shardId, int count) {
    registry.counter("tocsin.ingest.records", "source", stream, "shard", shardId).increment(count);
  }

  /** Counts what one record decoded into. */
  void decoded(DecodeResult result) {
    if (!result.logs().isEmpty()) {
      registry.counter("tocsin.ingest.events", "type", "log").increment(result.logs().size());
    }
    if (!result.cloudTrail().isEmpty()) {
      registry
          .counter("tocsin.ingest.events", "type", "cloudtrail")
          .increment(result.cloudTrail().size());
    }
    for (DeadLetter letter : result.deadLetters()) {
      deadLettered(letter.reason());
    }
    controlMessages.increment(result.controlMessages());
    duplicates.increment(result.duplicates());
  }

  /** Counts one dead letter. */
  void deadLettered(String reason) {
    registry.counter("tocsin.ingest.events", "type", "deadletter").increment();
    registry.counter("tocsin.ingest.decode.failures", "reason", reason).increment();
  }

  /** Counts a round of re-sending after Kafka failed some records. */
  void publishRetried() {
    retries.increment();
  }

  /** Sets how far behind the tip a shard's reader is. */
  void millisBehindLatest(String stream, String shardId, Long millis) {
    if (millis == null) {
      return;
    }
    String key = stream + "/" + shardId;
    behind
        .computeIfAbsent(
            key,
            k -> {
              AtomicLong value = new AtomicLong();
              behindGauges.put(
                  k,
                  Gauge.builder("tocsin.ingest.millis.behind.latest", value, AtomicLong::get)
                      .tag("source", stream)
                      .tag("shard", shardId)
                      .register(registry));
              return value;
            })
        .set(millis);
  }

  /** Registers a shard's stalled gauge, 1 while {@code stalled} says so. */
  void watchStall(String stream, String shardId, BooleanSupplier stalled) {
    stalledGauges.computeIfAbsent(
        stream + "/" + shardId,
        k ->
            Gauge.builder("tocsin.ingest.shard.stalled", stalled, s -> s.getAsBoolean() ? 1 : 0)
                .tag("source", stream)
                .tag("shard", shardId)
                .strongReference(true)
                .register(registry));
  }

  /** Removes a shard's gauges once this worker no longer reads it. */
  void shardReleased(String stream, String shardId) {
    String key = stream + "/" + shardId;
    behind.remove(key);
    for (Gauge gauge : new Gauge[] {behindGauges.remove(key), stalledGauges.remove(key)}) {
      if (gauge != null) {
        registry.remove(gauge);
      }
    }
  }
}
