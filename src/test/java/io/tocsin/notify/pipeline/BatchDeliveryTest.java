package io.tocsin.notify.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.notify.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchDeliveryTest {

  private static final String TOPIC = "tocsin.alerts.v1";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private final TestClock clock = TestClock.atNewYear();
  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final PartitionHolds holds = new PartitionHolds(consumer, clock);
  private final List<String> log = new ArrayList<>();
  private Set<Long> holdAt = Set.of();
  private int failCommitsFrom = Integer.MAX_VALUE;
  private int commits;

  private final BatchDelivery batches =
      new BatchDelivery(consumer, holds, this::deliver, this::commit);

  @BeforeEach
  void assign() {
    consumer.assign(List.of(P0, P1));
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
  }

  private Optional<Instant> deliver(ConsumerRecord<String, byte[]> record) {
    log.add("send " + record.key() + "@" + record.partition() + ":" + record.offset());
    return holdAt.contains(record.offset())
        ? Optional.of(clock.instant().plus(Duration.ofSeconds(30)))
        : Optional.empty();
  }

  private boolean commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    Map<Integer, Long> byPartition = new TreeMap<>();
    offsets.forEach((tp, o) -> byPartition.put(tp.partition(), o.offset()));
    boolean fails = ++commits >= failCommitsFrom;
    log.add("commit " + byPartition + (fails ? " failed" : ""));
    return !fails;
  }

  /** Per partition, records from offset 10 on, one per key (an incident's fingerprint). */
  private static ConsumerRecords<String, byte[]> batch(Map<TopicPartition, List<String>> keys) {
    Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> records = new LinkedHashMap<>();
    keys.forEach(
        (tp, ks) -> {
          List<ConsumerRecord<String, byte[]>> list = new ArrayList<>();
          for (int i = 0; i < ks.size(); i++) {
            list.add(new ConsumerRecord<>(TOPIC, tp.partition(), 10 + i, ks.get(i), new byte[0]));
          }
          records.put(tp, list);
        });
    return new ConsumerRecords<>(records, Map.of());
  }

  @Test
  void shouldCommitOnceAtTheEndWhenEveryIncidentChangesOnce() {
    assertThat(batches.run(batch(Map.of(P0, List.of("a", "b", "c"))))).isTrue();

    assertThat(log).containsExactly("send a@0:10", "send b@0:11", "send c@0:12", "commit {0=13}");
  }

  @Test
  void shouldCommitAnIncidentsFirstChangeBeforeSendingItsSecond() {
    Map<TopicPartition, List<String>> keys = new LinkedHashMap<>();
    keys.put(P0, List.of("a", "b", "a", "b"));
    keys.put(P1, List.of("c"));

    assertThat(batches.run(batch(keys))).isTrue();

    assertThat(log)
        .as("the trigger of a is committed before its resolve is sent; b's trigger with it")
        .containsExactly(
            "send a@0:10",
            "send b@0:11",
            "commit {0=12}",
            "send a@0:12",
            "send b@0:13",
            "send c@1:10",
            "commit {0=14, 1=11}");
  }

  @Test
  void shouldStopAndReadTheBatchAgainWhenACommitFails() {
    consumer.seek(P0, 13);
    failCommitsFrom = 1;

    assertThat(batches.run(batch(Map.of(P0, List.of("a", "a", "b"))))).isFalse();

    assertThat(log)
        .as("the second change of a is not sent while the first is uncommitted")
        .containsExactly("send a@0:10", "commit {0=11} failed");
    assertThat(consumer.position(P0)).as("rewound to the batch's start").isEqualTo(10);
  }

  @Test
  void shouldRewindAFailedBatchOnlyToWhatItCommittedAlready() {
    consumer.seek(P0, 14);
    failCommitsFrom = 2;

    assertThat(batches.run(batch(Map.of(P0, List.of("a", "a", "a", "b"))))).isFalse();

    assertThat(log)
        .containsExactly("send a@0:10", "commit {0=11}", "send a@0:11", "commit {0=12} failed");
    assertThat(consumer.position(P0))
        .as("a's first change is committed: reading it again would send it after its second")
        .isEqualTo(11);
  }

  @Test
  void shouldSkipTheRestOfAHeldPartitionAndCommitOnlyBeforeTheHold() {
    holdAt = Set.of(11L);
    Map<TopicPartition, List<String>> keys = new LinkedHashMap<>();
    keys.put(P0, List.of("a", "b", "c"));
    keys.put(P1, List.of("d"));

    assertThat(batches.run(batch(keys))).isTrue();

    assertThat(log)
        .containsExactly("send a@0:10", "send b@0:11", "send d@1:10", "commit {0=11, 1=11}");
    assertThat(holds.held(P0)).isTrue();
    assertThat(consumer.position(P0)).as("rewound to the held change").isEqualTo(11);
    assertThat(consumer.paused()).containsExactly(P0);
  }
}
