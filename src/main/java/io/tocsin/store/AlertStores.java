package io.tocsin.store;

import io.tocsin.model.Alert;
import io.tocsin.model.DeliveryReceipt;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Read-only views of the three alert-store state stores: from a running {@link KafkaStreams}
 * (interactive queries over this instance's active tasks) or from a test driver.
 *
 * @param current fingerprint → latest alert
 * @param history fingerprint → state changes at their {@code updatedAt}
 * @param receipts fingerprint → delivery receipts at their {@code at}
 */
public record AlertStores(
    ReadOnlyKeyValueStore<String, Alert> current,
    ReadOnlyWindowStore<String, Alert> history,
    ReadOnlyWindowStore<String, DeliveryReceipt> receipts) {

  /**
   * The local active stores of {@code streams}.
   *
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while they are not ready
   */
  public static AlertStores of(KafkaStreams streams) {
    return new AlertStores(
        streams.store(
            StoreQueryParameters.fromNameAndType(
                AlertStoreTopology.CURRENT_STORE, QueryableStoreTypes.keyValueStore())),
        streams.store(
            StoreQueryParameters.fromNameAndType(
                AlertStoreTopology.HISTORY_STORE, QueryableStoreTypes.windowStore())),
        streams.store(
            StoreQueryParameters.fromNameAndType(
                AlertStoreTopology.RECEIPTS_STORE, QueryableStoreTypes.windowStore())));
  }
}
