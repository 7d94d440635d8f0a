package io.tocsin.testing;

import io.tocsin.model.Alert;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.store.AlertStoreTopology;
import io.tocsin.store.AlertStores;
import io.tocsin.store.LocalAlertStore;
import io.tocsin.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A {@link TopologyTestDriver} over the production alert-store topology, with typed inputs and a
 * {@link LocalAlertStore} reading its state stores: the store without a broker.
 */
public final class AlertStoreDriver implements AutoCloseable {

  private final TopologyTestDriver driver;
  private final TestInputTopic<String, Alert> alerts;
  private final TestInputTopic<String, DeliveryReceipt> deliveries;

  /** A driver keeping history for {@code retention}, wall clock starting at {@code start}. */
  public AlertStoreDriver(Duration retention, Instant start) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try {
      props.put(
          StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("tocsin-store").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    driver = new TopologyTestDriver(topology(retention), props, start);
    alerts =
        driver.createInputTopic(
            Topics.ALERTS.name(),
            Topics.ALERTS.keySerde().serializer(),
            Topics.ALERTS.valueSerde().serializer());
    deliveries =
        driver.createInputTopic(
            Topics.DELIVERIES.name(),
            Topics.DELIVERIES.keySerde().serializer(),
            Topics.DELIVERIES.valueSerde().serializer());
  }

  /** A driver over {@code alerts} and their receipts, as the API tests use it. */
  public static AlertStoreDriver loaded(List<Alert> alerts, List<DeliveryReceipt> receipts) {
    AlertStoreDriver store = new AlertStoreDriver(Duration.ofDays(30), RealAlerts.T0);
    alerts.forEach(store::pipe);
    receipts.forEach(store::pipe);
    return store;
  }

  /** The topology under test, built by the production method. */
  public static Topology topology(Duration retention) {
    StreamsBuilder builder = new StreamsBuilder();
    AlertStoreTopology.build(builder, retention);
    return builder.build();
  }

  /** Pipes an alert keyed by its fingerprint, at its {@code updatedAt}. */
  public void pipe(Alert alert) {
    alerts.pipeInput(alert.fingerprint(), alert, alert.updatedAt());
  }

  /** Pipes a receipt keyed by its fingerprint, at its {@code at}. */
  public void pipe(DeliveryReceipt receipt) {
    deliveries.pipeInput(receipt.fingerprint(), receipt, receipt.at());
  }

  /** Advances wall-clock time, firing the purge punctuation. */
  public void advanceWallClock(Duration by) {
    driver.advanceWallClockTime(by);
  }

  /** The store reading this driver's state stores. */
  public LocalAlertStore store() {
    return new LocalAlertStore(
        () ->
            new AlertStores(
                driver.getKeyValueStore(AlertStoreTopology.CURRENT_STORE),
                driver.getWindowStore(AlertStoreTopology.HISTORY_STORE),
                driver.getWindowStore(AlertStoreTopology.RECEIPTS_STORE)));
  }

  @Override
  public void close() {
    driver.close();
  }
}
