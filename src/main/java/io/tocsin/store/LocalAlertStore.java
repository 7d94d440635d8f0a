package io.tocsin.store;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.DeliveryReceipt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The {@link AlertStore} over this instance's state stores only: the partitions it holds. A list
 * scans the current store (one entry per fingerprint), so it suits up to some hundred thousand
 * alerts per instance; history and receipts are read by fingerprint, counts by time range.
 */
public final class LocalAlertStore implements AlertStore {

  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

  private final Supplier<AlertStores> stores;

  /** A store reading the views {@code stores} returns (fetched again for every query). */
  public LocalAlertStore(Supplier<AlertStores> stores) {
    this.stores = stores;
  }

  /** A store over the local active tasks of {@code streams}. */
  public static LocalAlertStore of(KafkaStreams streams) {
    return new LocalAlertStore(() -> AlertStores.of(streams));
  }

  @Override
  public AlertPage list(AlertQuery query) {
    List<Alert> selected = new ArrayList<>();
    try (KeyValueIterator<String, Alert> all = stores.get().current().all()) {
      while (all.hasNext()) {
        Alert alert = all.next().value;
        if (query.selects(alert)) {
          selected.add(alert);
        }
      }
    } catch (InvalidStateStoreException e) {
      throw unavailable(e);
    }
    return AlertPage.of(query, selected);
  }

  @Override
  public Optional<AlertDetail> get(String fingerprint) {
    try {
      AlertStores views = stores.get();
      Alert current = views.current().get(fingerprint);
      if (current == null) {
        return Optional.empty();
      }
      List<Alert> history = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      try (WindowStoreIterator<Alert> it = views.history().fetch(fingerprint, EARLIEST, LATEST)) {
        it.forEachRemaining(
            entry -> {
              if (ids.add(entry.value.id())) {
                history.add(entry.value);
              }
            });
      }
      List<DeliveryReceipt> receipts = new ArrayList<>();
      try (WindowStoreIterator<DeliveryReceipt> it =
          views.receipts().fetch(fingerprint, EARLIEST, LATEST)) {
        it.forEachRemaining(entry -> receipts.add(entry.value));
      }
      return Optional.of(new AlertDetail(current, history, receipts));
    } catch (InvalidStateStoreException e) {
      throw unavailable(e);
    }
  }

  @Override
  public AlertCounts counts(CountQuery query) {
    Map<String, Long> tallies = new TreeMap<>();
    Set<String> ids = new HashSet<>();
    Instant lastMilli = query.to().minusMillis(1);
    try (KeyValueIterator<Windowed<String>, Alert> it =
        stores.get().history().fetchAll(query.from(), lastMilli)) {
      while (it.hasNext()) {
        KeyValue<Windowed<String>, Alert> entry = it.next();
        Alert alert = entry.value;
        if (alert.status() == AlertStatus.FIRING && ids.add(alert.id())) {
          tallies.merge(AlertCounts.keyOf(query.by(), alert), 1L, Long::sum);
        }
      }
    } catch (InvalidStateStoreException e) {
      throw unavailable(e);
    }
    return AlertCounts.of(query, tallies);
  }

  private static StoreUnavailableException unavailable(InvalidStateStoreException e) {
    return new StoreUnavailableException(
        "the alert store is not ready on this instance (" + e.getMessage() + "); retry shortly", e);
  }
}
