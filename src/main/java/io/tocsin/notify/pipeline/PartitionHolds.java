package io.tocsin.notify.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partitions held back because a change on them could not be delivered yet: the consumer is rewound
 * to that change and the partition paused until a given time, so the change is retried in order
 * (nothing after it on the partition is committed before it). Holds end with the assignment.
 */
final class PartitionHolds implements ConsumerRebalanceListener {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionHolds.class);

  private final Consumer<?, ?> consumer;
  private final Clock clock;
  private final Map<TopicPartition, Instant> until = new HashMap<>();

  PartitionHolds(Consumer<?, ?> consumer, Clock clock) {
    this.consumer = consumer;
    this.clock = clock;
  }

  /** Whether {@code tp} is held (its remaining records in this batch must wait). */
  boolean held(TopicPartition tp) {
    return until.containsKey(tp);
  }

  /** Rewinds {@code tp} to {@code offset} and pauses it until {@code retryAt}. */
  void hold(TopicPartition tp, long offset, Instant retryAt) {
    consumer.seek(tp, offset);
    consumer.pause(List.of(tp));
    until.put(tp, retryAt);
    LOG.info("holding {} at offset {} until {}", tp, offset, retryAt);
  }

  /** Resumes the partitions whose hold has ended. */
  void releaseDue() {
    Instant now = clock.instant();
    for (Iterator<Map.Entry<TopicPartition, Instant>> it = until.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<TopicPartition, Instant> hold = it.next();
      if (!now.isBefore(hold.getValue())) {
        it.remove();
        if (consumer.assignment().contains(hold.getKey())) {
          consumer.resume(List.of(hold.getKey()));
        }
      }
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    until.keySet().removeAll(partitions);
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    // A newly assigned partition starts at its committed offset, unpaused: nothing to restore.
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    onPartitionsRevoked(partitions);
  }
}
