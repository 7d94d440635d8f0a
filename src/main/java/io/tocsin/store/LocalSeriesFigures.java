package io.tocsin.store;

import io.tocsin.model.MinuteFigure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * This instance's part of the figures: read from the detection application's figure window stores
 * (one per rate detector) by interactive query, over every task running here. A group's figures
 * live where its task runs, which need not be the instance holding its alerts.
 */
public final class LocalSeriesFigures implements SeriesFigures {

  private final Supplier<List<ReadOnlyWindowStore<String, MinuteFigure>>> stores;

  /** Figures from the window stores {@code stores} gives at each query. */
  public LocalSeriesFigures(Supplier<List<ReadOnlyWindowStore<String, MinuteFigure>>> stores) {
    this.stores = stores;
  }

  /**
   * Figures from stores {@code names} of the detection application {@code detection} gives once
   * started ({@code null} before: nothing to read yet).
   */
  public static LocalSeriesFigures of(Supplier<KafkaStreams> detection, List<String> names) {
    return new LocalSeriesFigures(() -> views(detection.get(), names));
  }

  @Override
  public List<MinuteFigure> figures(String fingerprint, Instant from, Instant to) {
    Map<Instant, MinuteFigure> byMinute = new TreeMap<>();
    try {
      for (ReadOnlyWindowStore<String, MinuteFigure> store : stores.get()) {
        try (WindowStoreIterator<MinuteFigure> it = store.fetch(fingerprint, from, to)) {
          it.forEachRemaining(entry -> byMinute.put(entry.value.at(), entry.value));
        }
      }
    } catch (InvalidStateStoreException e) {
      throw new StoreUnavailableException(
          "the detector's figures are not queryable here right now; retry shortly", e);
    }
    return new ArrayList<>(byMinute.values());
  }

  private static List<ReadOnlyWindowStore<String, MinuteFigure>> views(
      KafkaStreams detection, List<String> names) {
    if (detection == null) {
      return List.of();
    }
    KafkaStreams.State state = detection.state();
    if (state != KafkaStreams.State.RUNNING) {
      throw new StoreUnavailableException(
          "detection is " + state + " on this instance; retry shortly");
    }
    return names.stream()
        .map(
            name ->
                detection.store(
                    StoreQueryParameters.fromNameAndType(
                        name, QueryableStoreTypes.<String, MinuteFigure>windowStore())))
        .toList();
  }
}
