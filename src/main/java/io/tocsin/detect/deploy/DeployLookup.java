package io.tocsin.detect.deploy;

import io.tocsin.config.DeploymentSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.DeployContext;
import io.tocsin.model.Deployment;
import io.tocsin.topics.JsonSerde;
import io.tocsin.topics.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Ties the detection app's alerts to deploys: a global store of the {@link RecentDeploys} of each
 * evidence log group, fed by {@code tocsin.deployments.v1}, read once per alert (never per event)
 * to give an alert on a log group the latest deploy made within the look-back before it started
 * ({@code context.deploy}). A global store is rebuilt by this same processor from the topic on
 * restart, so it holds only what the topic says; alerts never write it.
 */
public final class DeployLookup {

  /** The global store's name. */
  public static final String STORE = "detect-recent-deploys";

  private final Duration lookBack;

  /** A lookup with the look-back of {@code settings}. */
  public DeployLookup(DeploymentSettings settings) {
    this.lookBack = settings.lookBack();
  }

  /** Adds the global store and the processor that keeps it from the deployments topic. */
  public void addTo(StreamsBuilder builder) {
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STORE),
                Serdes.String(),
                JsonSerde.of(RecentDeploys.class))
            .withLoggingDisabled(),
        Topics.DEPLOYMENTS.name(),
        Topics.DEPLOYMENTS.consumed("recent-deploys"),
        Recorder::new);
  }

  /**
   * {@code alert} with {@code context.deploy} when its log group has a deploy in {@code store}
   * within the look-back before the alert started; as it is otherwise, or when it names a deploy
   * already.
   */
  public Alert stamp(Alert alert, ReadOnlyKeyValueStore<String, RecentDeploys> store) {
    String group = alert.resource() == null ? null : alert.resource().logGroup();
    if (group == null || DeployContext.in(alert.context()) != null) {
      return alert;
    }
    RecentDeploys recent = store.get(group);
    DeployContext deploy = recent == null ? null : recent.before(alert.startsAt(), lookBack);
    return deploy == null ? alert : alert.withContext(deploy.into(alert.context()));
  }

  /** Records each deployment under each of its evidence log groups. */
  private static final class Recorder implements Processor<String, Deployment, Void, Void> {

    private KeyValueStore<String, RecentDeploys> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Deployment> record) {
      Deployment deployment = record.value();
      if (deployment == null || deployment.time() == null) {
        return;
      }
      for (String group : deployment.evidence()) {
        RecentDeploys known = store.get(group);
        RecentDeploys updated = (known == null ? new RecentDeploys(null) : known).with(deployment);
        if (!updated.equals(known)) {
          store.put(group, updated);
        }
      }
    }
  }
}
