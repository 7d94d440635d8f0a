package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The shared back half of every match detector: folds each task's matches of one incident between
 * commits ({@link MatchFolder}), re-keys them by fingerprint (so one incident lives on one task
 * whatever the input key), and folds them into incidents and alerts.
 */
final class IncidentTracker {

  private IncidentTracker() {}

  /**
   * Adds the incident store and processor named after {@code name} to {@code builder} and returns
   * the alerts (key: fingerprint).
   */
  static KStream<String, Alert> track(
      StreamsBuilder builder,
      KStream<String, Match> matches,
      RuleSet rules,
      String name,
      DetectMetrics metrics) {
    String store = name + "-incident-store";
    String commits = name + "-match-fold-commits";
    builder.addStateStore(DetectStores.keyValue(store, Incident.class));
    builder.addStateStore(CommitHook.builder(commits));
    return matches
        .process(() -> new MatchFolder(commits), Named.as(name + "-fold-matches"), commits)
        .repartition(
            Repartitioned.<String, Match>as(name + "-matches")
                .withKeySerde(Serdes.String())
                .withValueSerde(JsonSerde.of(Match.class)))
        .process(
            () -> new IncidentProcessor(rules, store, metrics),
            Named.as(name + "-incidents"),
            store);
  }
}
