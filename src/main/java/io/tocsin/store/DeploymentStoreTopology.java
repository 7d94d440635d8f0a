package io.tocsin.store;

import io.tocsin.model.Deployment;
import io.tocsin.topics.Topics;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The deployment store: a global table over {@code tocsin.deployments.v1}, the latest state of
 * every deployment by id. Global, because deployments are few (a handful an hour per service):
 * every instance holds all of them, so a list needs no fan-out to peers.
 */
public final class DeploymentStoreTopology {

  /** Deployment id → latest state. */
  public static final String STORE = "deployments-current";

  private DeploymentStoreTopology() {}

  /** Adds the deployment store to {@code builder} (the alert store's application). */
  public static void build(StreamsBuilder builder) {
    builder.globalTable(
        Topics.DEPLOYMENTS.name(),
        Topics.DEPLOYMENTS.consumed("store-deployments-source"),
        Materialized.<String, Deployment, KeyValueStore<Bytes, byte[]>>as(STORE)
            .withKeySerde(Topics.DEPLOYMENTS.keySerde())
            .withValueSerde(Topics.DEPLOYMENTS.valueSerde())
            .withCachingDisabled());
  }
}
