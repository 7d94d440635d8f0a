package io.tocsin.notify.pipeline;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs one polled batch of alert changes through delivery in order and commits what is done. An
 * incident (record key: its fingerprint) that changes again within the batch first has the changes
 * before it committed: a process dying between the two sends would otherwise send the earlier
 * change again after the later one on restart, and a trigger replayed after its resolve opens a
 * second incident at PagerDuty. So at most one sent change per incident is ever uncommitted, and
 * replaying it is what the sink's dedup_key makes harmless.
 */
final class BatchDelivery {

  private final Consumer<?, ?> consumer;
  private final PartitionHolds holds;
  private final Function<ConsumerRecord<String, byte[]>, Optional<Instant>> deliver;
  private final Predicate<Map<TopicPartition, OffsetAndMetadata>> commit;

  /**
   * Batches read by {@code consumer}, each record handed to {@code deliver} (empty when done with
   * it, else when to retry it) and offsets to {@code commit} (false when they were not committed).
   */
  BatchDelivery(
      Consumer<?, ?> consumer,
      PartitionHolds holds,
      Function<ConsumerRecord<String, byte[]>, Optional<Instant>> deliver,
      Predicate<Map<TopicPartition, OffsetAndMetadata>> commit) {
    this.consumer = consumer;
    this.holds = holds;
    this.deliver = deliver;
    this.commit = commit;
  }

  /**
   * Delivers {@code records}, skipping held partitions and holding a partition at a change that
   * must wait; returns whether every commit succeeded. After a failed commit the rest of the batch
   * is left and its partitions are rewound to what this batch committed last (else to its start),
   * to be read again: never to a change already committed, which would be sent twice.
   */
  boolean run(ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    Set<String> changed = new HashSet<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      if (holds.held(tp)) {
        continue;
      }
      if (record.key() != null && !changed.add(record.key())) {
        if (!commit(done, committed, records)) {
          return false;
        }
        done.clear();
        changed.clear();
        changed.add(record.key());
      }
      Optional<Instant> retryAt = deliver.apply(record);
      if (retryAt.isPresent()) {
        holds.hold(tp, record.offset(), retryAt.get());
      } else {
        done.put(tp, new OffsetAndMetadata(record.offset() + 1));
      }
    }
    return commit(done, committed, records);
  }

  private boolean commit(
      Map<TopicPartition, OffsetAndMetadata> done,
      Map<TopicPartition, OffsetAndMetadata> committed,
      ConsumerRecords<String, byte[]> records) {
    if (done.isEmpty() || commit.test(done)) {
      committed.putAll(done);
      return true;
    }
    for (TopicPartition tp : records.partitions()) {
      if (consumer.assignment().contains(tp)) {
        OffsetAndMetadata last = committed.get(tp);
        consumer.seek(tp, last != null ? last.offset() : records.records(tp).get(0).offset());
      }
    }
    return false;
  }
}
