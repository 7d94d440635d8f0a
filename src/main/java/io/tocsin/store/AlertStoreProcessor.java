package io.tocsin.store;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.store.AlertStoreTopology.StoreInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Applies alert state changes and delivery receipts to the three alert-store state stores. A state
 * change older than the stored one (a late duplicate) goes to the history only; resolved alerts
 * leave the current store once they ended longer ago than the retention (wall clock), while the
 * window stores drop history and receipts by themselves.
 */
final class AlertStoreProcessor implements Processor<String, StoreInput, Void, Void> {

  /** How often resolved alerts past the retention are removed. */
  static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

  private final Duration retention;
  private KeyValueStore<String, Alert> current;
  private WindowStore<String, Alert> history;
  private WindowStore<String, DeliveryReceipt> receipts;

  AlertStoreProcessor(Duration retention) {
    this.retention = retention;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.current = context.getStateStore(AlertStoreTopology.CURRENT_STORE);
    this.history = context.getStateStore(AlertStoreTopology.HISTORY_STORE);
    this.receipts = context.getStateStore(AlertStoreTopology.RECEIPTS_STORE);
    context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::purgeResolved);
  }

  @Override
  public void process(Record<String, StoreInput> record) {
    StoreInput input = record.value();
    if (input == null) {
      return;
    }
    if (input.alert() != null) {
      apply(record.key(), input.alert(), record.timestamp());
    } else if (input.receipt() != null) {
      DeliveryReceipt receipt = input.receipt();
      String fingerprint = record.key() != null ? record.key() : receipt.fingerprint();
      long at = receipt.at() != null ? receipt.at().toEpochMilli() : record.timestamp();
      if (fingerprint != null) {
        receipts.put(fingerprint, receipt, at);
      }
    }
  }

  private void apply(String key, Alert alert, long recordTimestamp) {
    String fingerprint = key != null ? key : alert.fingerprint();
    if (fingerprint == null || alert.rule() == null || alert.status() == null) {
      return; // not an alert the store can index; the topic's schema test guards producers
    }
    if (alert.updatedAt() == null) {
      alert = withUpdatedAt(alert, Instant.ofEpochMilli(recordTimestamp));
    }
    history.put(fingerprint, alert, alert.updatedAt().toEpochMilli());
    Alert stored = current.get(fingerprint);
    if (stored == null || !alert.updatedAt().isBefore(stored.updatedAt())) {
      current.put(fingerprint, alert);
    }
  }

  private void purgeResolved(long wallClockMillis) {
    Instant horizon = Instant.ofEpochMilli(wallClockMillis).minus(retention);
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, Alert> all = current.all()) {
      while (all.hasNext()) {
        KeyValue<String, Alert> entry = all.next();
        Alert alert = entry.value;
        Instant ended = alert.endsAt() != null ? alert.endsAt() : alert.updatedAt();
        if (alert.status() == AlertStatus.RESOLVED && ended.isBefore(horizon)) {
          expired.add(entry.key);
        }
      }
    }
    expired.forEach(current::delete);
  }

  private static Alert withUpdatedAt(Alert a, Instant at) {
    return new Alert(
        a.schemaVersion(),
        a.id(),
        a.fingerprint(),
        a.status(),
        a.rule(),
        a.title(),
        a.summary(),
        a.startsAt(),
        at,
        a.endsAt(),
        a.count(),
        a.evaluation(),
        a.resource(),
        a.samples(),
        a.links(),
        a.labels(),
        a.context());
  }
}
