package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.JsonSerde;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alarm processor's object cache in front of a real (in-memory) key-value store. */
class StoreCacheTest {

  static final RuleSet RULES = RuleLoader.load(List.of());

  private KeyValueStore<String, GroupState> store;
  private StoreCache<GroupState> cache;

  @BeforeEach
  void open() {
    store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("groups"),
                Serdes.String(),
                JsonSerde.of(GroupState.class))
            .withLoggingDisabled()
            .build();
    MockProcessorContext<String, GroupState> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    cache = new StoreCache<>(store);
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
  void shouldWriteEveryChangeThroughToTheStore() {
    cache.put("a", group(1));
    cache.put("a", group(2));

    assertThat(store.get("a").lastEventAt()).isEqualTo(2);
    cache.delete("a");
    assertThat(store.get("a")).isNull();
    assertThat(cache.get("a")).isNull();
  }

  @Test
  void shouldReadGroupsItNoLongerKeepsFromTheStore() {
    for (int i = 0; i <= StoreCache.CAPACITY; i++) {
      cache.put("g" + i, group(i));
    }

    assertThat(cache.get("g0").lastEventAt()).isZero();
    assertThat(cache.get("g" + StoreCache.CAPACITY).lastEventAt()).isEqualTo(StoreCache.CAPACITY);
  }

  @Test
  void shouldReadAGroupRestoredIntoTheStoreBeforeItWasCached() {
    store.put("restored", group(42));

    assertThat(cache.get("restored").lastEventAt()).isEqualTo(42);
  }
}
