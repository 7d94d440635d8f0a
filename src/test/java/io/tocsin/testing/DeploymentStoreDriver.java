package io.tocsin.testing;

import io.tocsin.model.Deployment;
import io.tocsin.store.DeploymentStoreTopology;
import io.tocsin.store.GlobalDeploymentStore;
import io.tocsin.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A {@link TopologyTestDriver} over the production deployment-store topology, with a typed input
 * and a {@link GlobalDeploymentStore} reading its table: the store without a broker.
 */
public final class DeploymentStoreDriver implements AutoCloseable {

  private final TopologyTestDriver driver;
  private final TestInputTopic<String, Deployment> deployments;

  /** An empty store. */
  public DeploymentStoreDriver() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "deployment-store-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try {
      props.put(
          StreamsConfig.STATE_DIR_CONFIG,
          Files.createTempDirectory("tocsin-deployments").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StreamsBuilder builder = new StreamsBuilder();
    DeploymentStoreTopology.build(builder);
    driver = new TopologyTestDriver(builder.build(), props);
    deployments =
        driver.createInputTopic(
            Topics.DEPLOYMENTS.name(),
            Topics.DEPLOYMENTS.keySerde().serializer(),
            Topics.DEPLOYMENTS.valueSerde().serializer());
  }

  /** A store holding {@code changes}, piped in order. */
  public static DeploymentStoreDriver loaded(List<Deployment> changes) {
    DeploymentStoreDriver store = new DeploymentStoreDriver();
    changes.forEach(store::pipe);
    return store;
  }

  /** Pipes one state change keyed by the deployment id, at its {@code updatedAt}. */
  public void pipe(Deployment deployment) {
    deployments.pipeInput(deployment.id(), deployment, deployment.updatedAt());
  }

  /** The store reading this driver's table. */
  public GlobalDeploymentStore store() {
    return new GlobalDeploymentStore(() -> driver.getKeyValueStore(DeploymentStoreTopology.STORE));
  }

  @Override
  public void close() {
    driver.close();
  }
}
