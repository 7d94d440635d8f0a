package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.JsonSerde;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * {@link IncidentProcessor} over its two stores, with Streams' mock context: once an incident's
 * samples are full a match writes its counts alone, and a processor started on the same stores (a
 * task revived after a crash) resolves the incident with every match counted.
 */
class IncidentProcessorTest {

  private static final RuleSet RULES = RuleLoader.load(List.of(), true);
  private static final String RULE = "lambda-task-timeout";
  private static final String FINGERPRINT = "fp-orders";
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private final KeyValueStore<String, Incident> incidents =
      store("incidents", JsonSerde.of(Incident.class));
  private final KeyValueStore<String, IncidentCounts> counts =
      store("counts", IncidentCounts.serde());

  @Test
  void shouldWriteOnlyTheCountsOnceTheSamplesAreFull() {
    MockProcessorContext<String, Alert> context = new MockProcessorContext<>();
    IncidentProcessor processor = started(context);

    for (int i = 0; i < 12; i++) {
      processor.process(match(i));
    }

    assertThat(context.forwarded()).hasSize(1);
    assertThat(incidents.get(FINGERPRINT).count()).isEqualTo(Alert.MAX_SAMPLES);
    assertThat(counts.get(FINGERPRINT))
        .isEqualTo(new IncidentCounts(12, T0.plusSeconds(11).toEpochMilli(), 1_000));
  }

  @Test
  void shouldResolveWithEveryMatchCountedAfterARestartOnTheSameStores() {
    IncidentProcessor before = started(new MockProcessorContext<>());
    for (int i = 0; i < 12; i++) {
      before.process(match(i));
    }

    MockProcessorContext<String, Alert> after = new MockProcessorContext<>();
    started(after);
    after.setCurrentStreamTimeMs(T0.plusSeconds(11).plusSeconds(300).toEpochMilli());
    after.scheduledPunctuators().get(0).getPunctuator().punctuate(2_000);

    Alert resolved = (Alert) after.forwarded().get(0).record().value();
    assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(resolved.count()).isEqualTo(12);
    assertThat(resolved.samples()).hasSize(Alert.MAX_SAMPLES).startsWith("timeout 0");
    assertThat(incidents.get(FINGERPRINT)).isNull();
    assertThat(counts.get(FINGERPRINT)).isNull();
  }

  @Test
  void shouldRefuseCountsOfAnUnknownFormat() {
    byte[] bytes = new IncidentCounts(1, 2, 3).toBytes();
    bytes[0] = 9;

    assertThatThrownBy(() -> IncidentCounts.fromBytes(bytes))
        .hasMessage("unknown incident counts format 9");
    assertThatThrownBy(() -> IncidentCounts.fromBytes(new byte[] {1, 0, 0}))
        .hasMessage("an incident's stored counts are truncated");
  }

  /** A processor initialised on the test's stores through {@code context}. */
  private IncidentProcessor started(MockProcessorContext<String, Alert> context) {
    context.addStateStore(incidents);
    context.addStateStore(counts);
    context.setCurrentSystemTimeMs(1_000);
    IncidentProcessor processor =
        new IncidentProcessor(RULES, "incidents", "counts", DetectMetrics.of(null));
    processor.init(context);
    return processor;
  }

  private static Record<String, Match> match(int i) {
    Match match =
        new Match(
            FINGERPRINT,
            RULE,
            Map.of("log_group", "/aws/lambda/orders"),
            T0.plusSeconds(i),
            "timeout " + i,
            new Alert.Resource(null, null, "/aws/lambda/orders", null, null, null, null),
            null);
    return new Record<>(FINGERPRINT, match, match.eventTime().toEpochMilli());
  }

  private static <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
    KeyValueStore<String, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
            .withLoggingDisabled()
            .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    return store;
  }
}
