package io.tocsin.store;

import io.tocsin.config.ApiSettings;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.model.Alert;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.topics.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The alert store: materializes {@code tocsin.alerts.v1} and {@code tocsin.deliveries.v1} (both
 * keyed by fingerprint, so one task holds an alert and its receipts) into three state stores —
 * current state per fingerprint, state-change history and delivery receipts — that {@link
 * LocalAlertStore} queries.
 */
public final class AlertStoreTopology {

  /** Fingerprint → latest alert state. */
  public static final String CURRENT_STORE = "alerts-current";

  /** Fingerprint → every state change, at its {@code updatedAt}, kept for the retention. */
  public static final String HISTORY_STORE = "alerts-history";

  /** Fingerprint → every delivery receipt, at its {@code at}, kept for the retention. */
  public static final String RECEIPTS_STORE = "alerts-receipts";

  /** The suffix of the Streams application id ({@code <application_id>-store}). */
  public static final String APPLICATION = "store";

  private AlertStoreTopology() {}

  /**
   * Adds the alert store to {@code builder}, keeping history and receipts for {@code retention}.
   */
  public static void build(StreamsBuilder builder, Duration retention) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CURRENT_STORE),
                Serdes.String(),
                Topics.ALERTS.valueSerde())
            .withCachingDisabled());
    builder.addStateStore(
        Stores.windowStoreBuilder(
                Stores.persistentWindowStore(HISTORY_STORE, retention, Duration.ofMillis(1), true),
                Serdes.String(),
                Topics.ALERTS.valueSerde())
            .withCachingDisabled());
    builder.addStateStore(
        Stores.windowStoreBuilder(
                Stores.persistentWindowStore(RECEIPTS_STORE, retention, Duration.ofMillis(1), true),
                Serdes.String(),
                Topics.DELIVERIES.valueSerde())
            .withCachingDisabled());

    KStream<String, StoreInput> alerts =
        builder.stream(Topics.ALERTS.name(), Topics.ALERTS.consumed("store-alerts-source"))
            .mapValues(StoreInput::of, Named.as("store-alerts-input"));
    KStream<String, StoreInput> receipts =
        builder.stream(
                Topics.DELIVERIES.name(), Topics.DELIVERIES.consumed("store-receipts-source"))
            .mapValues(StoreInput::of, Named.as("store-receipts-input"));
    alerts
        .merge(receipts, Named.as("store-merge"))
        .process(
            () -> new AlertStoreProcessor(retention),
            Named.as("store-update"),
            CURRENT_STORE,
            HISTORY_STORE,
            RECEIPTS_STORE);
  }

  /**
   * Streams properties for the store application: {@link KafkaClients#streams} plus {@code
   * application.server}, the {@code advertised_host:port} other instances route queries to.
   */
  public static Properties properties(KafkaClients clients, ApiSettings api) {
    Properties props = clients.streams(APPLICATION);
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, api.advertisedHost() + ":" + api.port());
    return props;
  }

  /** An alert or a delivery receipt, so one processor applies both in partition order. */
  record StoreInput(Alert alert, DeliveryReceipt receipt) {
    static StoreInput of(Alert alert) {
      return new StoreInput(alert, null);
    }

    static StoreInput of(DeliveryReceipt receipt) {
      return new StoreInput(null, receipt);
    }
  }
}
