package io.tocsin.store;

import io.tocsin.config.ApiSettings;
import io.tocsin.model.MinuteFigure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The figures over every tocsin instance: a group's figures live on the instance running its
 * detection task, which Kafka Streams does not tell by fingerprint (most groups stay on the
 * partition of their log group or account), so every instance is asked — the instances of the store
 * application, each of which runs detection too — and the answers merged. One chart view costs one
 * small request per peer.
 */
public final class ClusterSeriesFigures implements SeriesFigures {

  /** Internal endpoint: GET {@code PATH + fingerprint + ?from=&to=}, that instance's figures. */
  public static final String PATH = "/internal/v1/figures/";

  private final KafkaStreams store;
  private final SeriesFigures local;
  private final HostInfo self;
  private final PeerClient peers;

  /**
   * Figures from {@code local} and from the peers of the store application {@code store}, reached
   * as {@link ClusterAlertStore} reaches them.
   */
  public ClusterSeriesFigures(
      KafkaStreams store, SeriesFigures local, ApiSettings api, String token) {
    this.store = store;
    this.local = local;
    this.self = new HostInfo(api.advertisedHost(), api.port());
    this.peers = new PeerClient(token);
  }

  @Override
  public List<MinuteFigure> figures(String fingerprint, Instant from, Instant to) {
    List<CompletableFuture<List<MinuteFigure>>> calls = new ArrayList<>();
    for (StreamsMetadata instance : store.metadataForAllStreamsClients()) {
      if (!instance.hostInfo().equals(self)) {
        calls.add(peers.figures(instance.hostInfo(), fingerprint, from, to));
      }
    }
    List<MinuteFigure> figures = new ArrayList<>(local.figures(fingerprint, from, to));
    try {
      calls.forEach(call -> figures.addAll(call.join()));
    } catch (CompletionException e) {
      throw e.getCause() instanceof StoreUnavailableException s
          ? s
          : new StoreUnavailableException("a peer instance failed: " + e.getCause(), e);
    }
    figures.sort(Comparator.comparing(MinuteFigure::at));
    return figures;
  }
}
