package io.tocsin.notify.pipeline;

import io.tocsin.kafka.KafkaClients;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers, when alert partitions are assigned, which of their uncommitted changes a sink already
 * accepted: a process that died after a publish and its receipt but before committing the offset
 * would otherwise publish the change again, and a standard SNS topic has no deduplication. Offsets
 * are committed with the commit's wall-clock time as metadata ({@link #metadata}); on assignment
 * the {@code delivered} receipts written to tocsin.deliveries.v1 since the oldest of those times
 * (less a minute for clock skew between instances) are handed to {@code delivered} (receiver, alert
 * id). A partition never committed this way has nothing to replay.
 */
final class ReceiptReplay implements ConsumerRebalanceListener {

  private static final Logger LOG = LoggerFactory.getLogger(ReceiptReplay.class);
  private static final Duration SKEW = Duration.ofMinutes(1);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final String PREFIX = "committed-at=";

  private final Consumer<?, ?> alerts;
  private final ConsumerRebalanceListener next;
  private final KafkaClients clients;
  private final String group;
  private final BiConsumer<String, String> delivered;

  /**
   * Replays for {@code alerts}' assignments, then tells {@code next}; reads receipts with clients
   * of {@code clients} named after {@code group}.
   */
  ReceiptReplay(
      Consumer<?, ?> alerts,
      ConsumerRebalanceListener next,
      KafkaClients clients,
      String group,
      BiConsumer<String, String> delivered) {
    this.alerts = alerts;
    this.next = next;
    this.clients = clients;
    this.group = group;
    this.delivered = delivered;
  }

  /** The metadata to commit with an offset at {@code millis}. */
  static String metadata(long millis) {
    return PREFIX + millis;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (!partitions.isEmpty()) {
      Map<TopicPartition, OffsetAndMetadata> committed = alerts.committed(Set.copyOf(partitions));
      markUnmarked(partitions, committed);
      oldestCommit(committed).ifPresent(this::replaySince);
    }
    next.onPartitionsAssigned(partitions);
  }

  /**
   * Commits the start position, stamped with the time, of each partition without a stamped commit
   * (new, or committed by an older version): a crash before its first batch commits then replays
   * the receipts since now, instead of nothing — all of a first burst sent again.
   */
  private void markUnmarked(
      Collection<TopicPartition> partitions, Map<TopicPartition, OffsetAndMetadata> committed) {
    Map<TopicPartition, OffsetAndMetadata> marks = new HashMap<>();
    String now = metadata(System.currentTimeMillis());
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata last = committed.get(tp);
      if (stampedMillis(last).isEmpty()) {
        marks.put(
            tp, new OffsetAndMetadata(last == null ? alerts.position(tp) : last.offset(), now));
      }
    }
    if (!marks.isEmpty()) {
      alerts.commitSync(marks);
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    next.onPartitionsRevoked(partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    next.onPartitionsLost(partitions);
  }

  private static Optional<Long> oldestCommit(Map<TopicPartition, OffsetAndMetadata> committed) {
    return committed.values().stream()
        .map(ReceiptReplay::stampedMillis)
        .flatMap(Optional::stream)
        .min(Long::compare);
  }

  private static Optional<Long> stampedMillis(OffsetAndMetadata committed) {
    return committed != null
            && committed.metadata() != null
            && committed.metadata().startsWith(PREFIX)
        ? Optional.of(Long.parseLong(committed.metadata().substring(PREFIX.length())))
        : Optional.empty();
  }

  private void replaySince(long commitMillis) {
    long t0 = System.nanoTime();
    int count = 0;
    try (KafkaConsumer<String, byte[]> receipts =
        new KafkaConsumer<>(
            clients.consumer(group + "-receipt-replay", group + "-receipt-replay"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> all = new ArrayList<>();
      receipts
          .partitionsFor(Topics.DELIVERIES.name())
          .forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
      receipts.assign(all);
      Map<TopicPartition, Long> from = new HashMap<>();
      all.forEach(tp -> from.put(tp, commitMillis - SKEW.toMillis()));
      Map<TopicPartition, OffsetAndTimestamp> starts = receipts.offsetsForTimes(from);
      Map<TopicPartition, Long> ends = receipts.endOffsets(all);
      for (TopicPartition tp : all) {
        OffsetAndTimestamp start = starts.get(tp);
        receipts.seek(tp, start == null ? ends.get(tp) : start.offset());
      }
      while (all.stream().anyMatch(tp -> receipts.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : receipts.poll(POLL)) {
          DeliveryReceipt receipt = receipt(r);
          if (receipt != null && receipt.outcome() == DeliveryReceipt.Outcome.DELIVERED) {
            delivered.accept(receipt.receiver(), receipt.alertId());
            count++;
          }
        }
      }
    }
    LOG.info(
        "{} receipts of deliveries since the last commits remembered in {} ms: those changes are"
            + " not sent again",
        count,
        (System.nanoTime() - t0) / 1_000_000);
  }

  private static DeliveryReceipt receipt(ConsumerRecord<String, byte[]> r) {
    try {
      return Topics.DELIVERIES.valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (SerializationException e) {
      LOG.warn("skipping an unreadable receipt at {}-{}@{}", r.topic(), r.partition(), r.offset());
      return null;
    }
  }
}
