package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleEvent;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.JsonSerde;
import io.tocsin.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The failure-rate and threshold detector: applies every {@code kind: rate} and {@code kind:
 * threshold} rule to {@code tocsin.logs.v1} and {@code tocsin.cloudtrail.v1}, keeps each group's
 * recent series and alarm state in a changelogged store (key: fingerprint), and raises an alert on
 * {@code tocsin.alerts.v1} for every change into or out of ALARM — in the step that processes the
 * breaching event, or within a wall-clock second when traffic stops.
 */
public final class RateDetector {

  private RateDetector() {}

  /**
   * Adds the detector to {@code builder} for each source that rate or threshold rules read,
   * counting in {@code metrics}.
   */
  public static void build(StreamsBuilder builder, RuleSet rules, DetectMetrics metrics) {
    Observations logs = Observations.of(rules, Rule.Source.LOGS);
    if (logs != null) {
      KStream<String, Observation> observed =
          builder.stream(Topics.LOGS.name(), Topics.LOGS.consumed("logs-source"))
              .flatMapValues(
                  event -> logs.of(RuleEvent.of(event), () -> LogPatternDetector.resource(event)),
                  Named.as("logs-rate-observe"));
      alarms(builder, observed, rules, "logs-rate", metrics);
    }
    Observations trail = Observations.of(rules, Rule.Source.CLOUDTRAIL);
    if (trail != null) {
      KStream<String, Observation> observed =
          builder.stream(Topics.CLOUDTRAIL.name(), Topics.CLOUDTRAIL.consumed("cloudtrail-source"))
              .flatMapValues(
                  event -> {
                    RuleEvent view = RuleEvent.of(event);
                    return trail.of(view, () -> CloudTrailMatchDetector.resource(event, view));
                  },
                  Named.as("cloudtrail-rate-observe"));
      alarms(builder, observed, rules, "cloudtrail-rate", metrics);
    }
  }

  /** Re-keys observations by fingerprint, so one group lives on one task, and evaluates them. */
  private static void alarms(
      StreamsBuilder builder,
      KStream<String, Observation> observed,
      RuleSet rules,
      String name,
      DetectMetrics metrics) {
    String store = name + "-groups";
    builder.addStateStore(DetectStores.keyValue(store, GroupState.class));
    KStream<String, Alert> alerts =
        observed
            .selectKey((key, o) -> o.fingerprint(), Named.as(name + "-key-by-fingerprint"))
            .repartition(
                Repartitioned.<String, Observation>as(name + "-observations")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(JsonSerde.of(Observation.class)))
            .process(
                () -> new AlarmProcessor(rules, store, metrics, name),
                Named.as(name + "-alarms"),
                store);
    AlertSink.to(alerts, name, metrics);
  }
}
