package io.tocsin.store;

import io.tocsin.config.ApiSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The {@link AlertStore} over every instance of the store application: a fingerprint is looked up
 * on the instance that holds it (Kafka Streams key metadata), lists and counts are asked of every
 * instance holding partitions and merged. While the group rebalances, or when an instance does not
 * answer, queries fail with {@link StoreUnavailableException} rather than return partial results.
 */
public final class ClusterAlertStore implements AlertStore {

  /** Internal endpoint: POST an {@link AlertQuery}, get that instance's {@link AlertPage}. */
  public static final String LIST_PATH = "/internal/v1/alerts/query";

  /** Internal endpoint: GET {@code GET_PATH + fingerprint}, that instance's {@link AlertDetail}. */
  public static final String GET_PATH = "/internal/v1/alerts/";

  /** Internal endpoint: POST a {@link CountQuery}, get that instance's {@link AlertCounts}. */
  public static final String COUNTS_PATH = "/internal/v1/counts";

  private final KafkaStreams streams;
  private final LocalAlertStore local;
  private final HostInfo self;
  private final PeerClient peers;

  /**
   * A store over {@code streams} (started with {@link AlertStoreTopology#properties}), reachable by
   * peers at {@code api.advertised_host:api.port}, calling them with {@code token}.
   */
  public ClusterAlertStore(KafkaStreams streams, ApiSettings api, String token) {
    if (api.port() == 0) {
      throw new IllegalArgumentException("a clustered alert store needs a fixed api.port, not 0");
    }
    this.streams = streams;
    this.local = LocalAlertStore.of(streams);
    this.self = new HostInfo(api.advertisedHost(), api.port());
    this.peers = new PeerClient(token);
  }

  /** This instance's part of the data, which the internal endpoints serve to peers. */
  public AlertStore local() {
    return local;
  }

  @Override
  public AlertPage list(AlertQuery query) {
    return AlertPage.merge(query, fanOut(local::list, peers::list, query));
  }

  @Override
  public AlertCounts counts(CountQuery query) {
    return AlertCounts.merge(query, fanOut(local::counts, peers::counts, query));
  }

  @Override
  public Optional<AlertDetail> get(String fingerprint) {
    requireRunning();
    KeyQueryMetadata owner =
        streams.queryMetadataForKey(
            AlertStoreTopology.CURRENT_STORE, fingerprint, Serdes.String().serializer());
    if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      throw new StoreUnavailableException("no instance holds the alert store yet; retry shortly");
    }
    return owner.activeHost().equals(self)
        ? local.get(fingerprint)
        : peers.get(owner.activeHost(), fingerprint);
  }

  private <Q, R> List<R> fanOut(
      Function<Q, R> localCall, BiFunction<HostInfo, Q, CompletableFuture<R>> remote, Q query) {
    requireRunning();
    List<CompletableFuture<R>> calls = new ArrayList<>();
    boolean selfHolds = false;
    for (StreamsMetadata instance :
        streams.streamsMetadataForStore(AlertStoreTopology.CURRENT_STORE)) {
      if (instance.topicPartitions().isEmpty()) {
        continue; // only standby replicas: its active partitions are asked elsewhere
      }
      if (instance.hostInfo().equals(self)) {
        selfHolds = true;
      } else {
        calls.add(remote.apply(instance.hostInfo(), query));
      }
    }
    List<R> parts = new ArrayList<>();
    if (selfHolds) {
      parts.add(localCall.apply(query));
    }
    try {
      calls.forEach(call -> parts.add(call.join()));
    } catch (CompletionException e) {
      throw e.getCause() instanceof StoreUnavailableException s
          ? s
          : new StoreUnavailableException("a peer instance failed: " + e.getCause(), e);
    }
    return parts;
  }

  private void requireRunning() {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING) {
      throw new StoreUnavailableException(
          "the alert store is " + state + " on this instance; retry shortly");
    }
  }
}
