package io.tocsin.topics;

import io.tocsin.model.Alert;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.DeadLetter;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.model.Deployment;
import io.tocsin.model.LogEvent;
import io.tocsin.model.Silence;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/** The registry of tocsin's topics; see topology-docs/topics.md for what each carries. */
public final class Topics {

  /** One record per CloudWatch Logs event, keyed by log group (keeps a group's order). */
  public static final Topic<String, LogEvent> LOGS =
      new Topic<>("tocsin.logs.v1", LogEventSerde.keySerde(), new LogEventSerde());

  /** One record per CloudTrail event, keyed by account id. */
  public static final Topic<String, CloudTrailEvent> CLOUDTRAIL =
      new Topic<>("tocsin.cloudtrail.v1", Serdes.String(), new CloudTrailEventSerde());

  /** Every alert state change, keyed by fingerprint: the analysts' contract. */
  public static final Topic<String, Alert> ALERTS =
      new Topic<>("tocsin.alerts.v1", Serdes.String(), JsonSerde.of(Alert.class));

  /** One receipt per delivery attempt outcome, keyed by alert fingerprint. */
  public static final Topic<String, DeliveryReceipt> DELIVERIES =
      new Topic<>("tocsin.deliveries.v1", Serdes.String(), JsonSerde.of(DeliveryReceipt.class));

  /** Input that could not be decoded or processed, keyed by reason code. */
  public static final Topic<String, DeadLetter> DEADLETTER =
      new Topic<>("tocsin.deadletter.v1", Serdes.String(), JsonSerde.of(DeadLetter.class));

  /**
   * Every silence, keyed by silence id; compacted, so the latest version of each silence is kept
   * for good and a reader rebuilds the whole set from the beginning.
   */
  public static final Topic<String, Silence> SILENCES =
      new Topic<>(
          "tocsin.silences.v1",
          Serdes.String(),
          JsonSerde.of(Silence.class),
          Map.of("cleanup.policy", "compact"));

  /**
   * One record per state change of a deployment (learned, outcome known, verdict), keyed by
   * deployment id; compacted, so the latest value per key is the deployment's current state.
   */
  public static final Topic<String, Deployment> DEPLOYMENTS =
      new Topic<>(
          "tocsin.deployments.v1",
          Serdes.String(),
          JsonSerde.of(Deployment.class),
          Map.of("cleanup.policy", "compact"));

  /** Every topic tocsin owns, in data-flow order. */
  public static final List<Topic<?, ?>> ALL =
      List.of(LOGS, CLOUDTRAIL, DEPLOYMENTS, ALERTS, DELIVERIES, DEADLETTER, SILENCES);

  private Topics() {}
}
