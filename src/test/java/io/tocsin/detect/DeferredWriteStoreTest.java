package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.LogEvent;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.testing.DetectionDriver;
import io.tocsin.testing.LambdaTraffic;
import io.tocsin.topics.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The detectors' deferred-write layer over a real (in-memory) key-value store, and wired into a
 * Streams task that commits with exactly_once_v2.
 */
class DeferredWriteStoreTest {

  static final RuleSet RULES = RuleLoader.load(List.of());

  private KeyValueStore<String, GroupState> below;
  private DeferredWriteStore<GroupState> store;

  @BeforeEach
  void open() {
    below =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("groups"),
                Serdes.String(),
                JsonSerde.of(GroupState.class))
            .withLoggingDisabled()
            .build();
    store = new DeferredWriteStore<>(below);
    MockProcessorContext<String, GroupState> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
  }

  private static GroupState group(long lastEventAt) {
    CompiledRule rule = RULES.get("lambda-failure-rate");
    Observation o =
        new Observation(
            "fp",
            rule.id(),
            Map.of("log_group", "/aws/lambda/a"),
            lastEventAt,
            true,
            true,
            null,
            null,
            null);
    return GroupState.open(o, rule, AlarmMode.of(rule));
  }

  @Test
  void shouldWriteAKeyChangedManyTimesOnceWhenStreamsFlushesItsCaches() {
    store.put("a", group(1));
    store.put("a", group(2));

    assertThat(store.get("a").lastEventAt()).isEqualTo(2);
    assertThat(below.get("a")).as("not written before the flush").isNull();
    assertThat(store.pendingWrites()).isEqualTo(1);
    store.flushCache();
    assertThat(below.get("a").lastEventAt()).isEqualTo(2);
    assertThat(store.pendingWrites()).isZero();
  }

  @Test
  void shouldDeleteBelowAtTheFlushAndAnswerNullBeforeIt() {
    store.put("a", group(1));
    store.flushCache();

    assertThat(store.delete("a").lastEventAt()).isEqualTo(1);
    assertThat(store.get("a")).isNull();
    assertThat(below.get("a")).isNotNull();
    store.flushCache();
    assertThat(below.get("a")).isNull();
  }

  @Test
  void shouldWriteAChangedKeyItEvictsAndReadEvictedKeysFromBelow() {
    for (int i = 0; i <= DeferredWriteStore.CAPACITY; i++) {
      store.put("g" + i, group(i));
    }

    assertThat(store.pendingWrites()).isEqualTo(DeferredWriteStore.CAPACITY);
    assertThat(below.get("g0").lastEventAt()).as("evicted, so written").isZero();
    assertThat(below.get("g1")).as("still kept, not written yet").isNull();
    assertThat(store.get("g0").lastEventAt()).isZero();
  }

  @Test
  void shouldReadAGroupRestoredBelowBeforeItWasKept() {
    below.put("restored", group(42));

    assertThat(store.get("restored").lastEventAt()).isEqualTo(42);
  }

  @Test
  void shouldShowUnflushedChangesToARangeRead() {
    store.put("a", group(1));
    store.put("b", group(2));
    store.delete("b");

    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, GroupState> all = store.all()) {
      all.forEachRemaining(entry -> keys.add(entry.key));
    }
    assertThat(keys).containsExactly("a");
  }

  @Test
  void shouldDiscardUnflushedChangesWhenClosedWithoutAFlush() {
    store.putAll(List.of(KeyValue.pair("a", group(1))));
    store.close();

    assertThat(store.pendingWrites()).isZero();
    assertThat(below.isOpen()).isFalse();
  }

  @Test
  void shouldPutTheChangedGroupsInTheChangelogOfTheCommitThatCoversTheirEvents() {
    Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
    List<LogEvent> events =
        new LambdaTraffic(7).invocations("orders-api", t0, Duration.ofSeconds(10), 5, 0.10);
    try (DetectionDriver driver = new DetectionDriver(RULES, t0)) {
      events.forEach(driver::pipe);

      assertThat(driver.changelogKeys("logs-rate-groups"))
          .as("the task's commit after the first event flushed its groups")
          .isNotEmpty()
          .allSatisfy(key -> assertThat(key).isNotBlank());
    }
  }
}
