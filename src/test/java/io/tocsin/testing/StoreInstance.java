package io.tocsin.testing;

import io.tocsin.config.ApiSettings;
import io.tocsin.config.KafkaSettings;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.StreamsService;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.model.Alert;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.query.ApiServer;
import io.tocsin.rules.RuleSet;
import io.tocsin.store.AlertStoreTopology;
import io.tocsin.store.ClusterAlertStore;
import io.tocsin.store.DeploymentStoreTopology;
import io.tocsin.store.GlobalDeploymentStore;
import io.tocsin.store.SilenceStore;
import io.tocsin.topics.Topic;
import io.tocsin.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One tocsin analyst instance on a real broker, wired as the app wires it: the alert-store Streams
 * application with the deployment table, a {@link ClusterAlertStore} and a {@link
 * GlobalDeploymentStore} over it, and the {@link ApiServer} on 127.0.0.1.
 */
public final class StoreInstance implements AutoCloseable {

  private final ApiSettings api;
  private final StreamsService service;
  private final ClusterAlertStore alerts;
  private final ApiServer server;

  /**
   * Starts instance {@code name} of the store application on {@code kafka}'s cluster, keeping its
   * state under {@code stateDir}; returns once its HTTP server listens (Streams may still start).
   */
  public StoreInstance(KafkaSettings kafka, String name, Path stateDir, SilenceStore silences) {
    this(kafka, name, stateDir, silences, RealAlerts.rules());
  }

  /**
   * As {@link #StoreInstance(KafkaSettings, String, Path, SilenceStore)}, serving {@code rules}.
   */
  public StoreInstance(
      KafkaSettings kafka, String name, Path stateDir, SilenceStore silences, RuleSet rules) {
    this.api = ApiSettings.defaults().withAddress("127.0.0.1", freePort());
    KafkaClients clients =
        new KafkaClients(
            kafka.withCluster(kafka.bootstrapServers(), stateDir.toString()).withInstanceId(name));
    StreamsBuilder builder = new StreamsBuilder();
    AlertStoreTopology.build(builder, api.retention());
    DeploymentStoreTopology.build(builder);
    this.service =
        new StreamsService(
            "store-" + name, builder.build(), AlertStoreTopology.properties(clients, api));
    this.alerts = new ClusterAlertStore(service.streams(), api, RunningApi.TOKEN);
    this.server =
        new ApiServer(api, RunningApi.TOKEN, alerts, alerts.local(), silences, rules)
            .withDeployments(GlobalDeploymentStore.of(service.streams()))
            .start();
    service.start();
  }

  /**
   * Settings of application {@code applicationId} on {@code broker} ({@code partitions} per topic,
   * state under {@code stateDir}), once tocsin's topics exist and hold {@code alerts} and {@code
   * receipts}.
   */
  public static KafkaSettings seed(
      EmbeddedKafkaBroker broker,
      int partitions,
      String applicationId,
      Path stateDir,
      List<Alert> alerts,
      List<DeliveryReceipt> receipts) {
    KafkaSettings kafka =
        new KafkaSettings(
            broker.bootstrapServers(),
            Map.of(),
            partitions,
            1,
            applicationId,
            stateDir.toString(),
            Duration.ofMillis(100),
            KafkaSettings.defaults().instanceId());
    new TopicProvisioner(new KafkaClients(kafka)).ensure(Topics.ALL);
    produce(kafka, Topics.ALERTS, alerts, Alert::fingerprint);
    produce(kafka, Topics.DELIVERIES, receipts, DeliveryReceipt::fingerprint);
    return kafka;
  }

  /**
   * Writes {@code values} keyed by fingerprint to {@code topic}, one at a time, each acknowledged
   * before the next: a send that fails fails the test here, naming the value, instead of leaving
   * the topic short. (Under load a retried batch can be refused out of sequence once a later one is
   * in, and flush() alone does not report it.)
   */
  public static <V> void produce(
      KafkaSettings kafka, Topic<String, V> topic, List<V> values, Function<V, String> key) {
    Map<String, Object> props = new KafkaClients(kafka).producer("it-writer");
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (V value : values) {
        try {
          producer
              .send(new ProducerRecord<>(topic.name(), key.apply(value), value))
              .get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted writing to " + topic.name(), e);
        } catch (ExecutionException | TimeoutException e) {
          throw new IllegalStateException(
              "could not write " + key.apply(value) + " to " + topic.name(), e);
        }
      }
    }
  }

  /** {@code http://127.0.0.1:port}. */
  public String url() {
    return "http://127.0.0.1:" + api.port();
  }

  /** Where peers reach this instance. */
  public HostInfo hostInfo() {
    return new HostInfo(api.advertisedHost(), api.port());
  }

  /** The running Streams service. */
  public StreamsService service() {
    return service;
  }

  /** The clustered store the API answers from. */
  public ClusterAlertStore alerts() {
    return alerts;
  }

  @Override
  public void close() {
    server.close();
    service.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
