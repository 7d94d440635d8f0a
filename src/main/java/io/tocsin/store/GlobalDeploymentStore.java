package io.tocsin.store;

import io.tocsin.model.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The {@link DeploymentStore} over the global deployment table ({@link DeploymentStoreTopology}):
 * complete on every instance. A list scans the table, which suits the tens of thousands of
 * deployments a topic compacted per id holds.
 */
public final class GlobalDeploymentStore implements DeploymentStore {

  private final Supplier<ReadOnlyKeyValueStore<String, Deployment>> table;

  /** A store reading the view {@code table} returns (fetched again for every query). */
  public GlobalDeploymentStore(Supplier<ReadOnlyKeyValueStore<String, Deployment>> table) {
    this.table = table;
  }

  /** The store over the global table of {@code streams}. */
  public static GlobalDeploymentStore of(KafkaStreams streams) {
    return new GlobalDeploymentStore(
        () ->
            streams.store(
                StoreQueryParameters.fromNameAndType(
                    DeploymentStoreTopology.STORE, QueryableStoreTypes.keyValueStore())));
  }

  @Override
  public DeploymentPage list(DeploymentQuery query) {
    List<Deployment> selected = new ArrayList<>();
    try (KeyValueIterator<String, Deployment> all = table.get().all()) {
      all.forEachRemaining(
          entry -> {
            if (entry.value != null && query.selects(entry.value)) {
              selected.add(entry.value);
            }
          });
    } catch (InvalidStateStoreException e) {
      throw unavailable(e);
    }
    return DeploymentPage.of(query, selected);
  }

  @Override
  public Optional<Deployment> get(String id) {
    try {
      return Optional.ofNullable(table.get().get(id));
    } catch (InvalidStateStoreException e) {
      throw unavailable(e);
    }
  }

  private static StoreUnavailableException unavailable(InvalidStateStoreException e) {
    return new StoreUnavailableException(
        "the deployment store is not ready on this instance ("
            + e.getMessage()
            + "); retry shortly",
        e);
  }
}
