package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The shared back half of every match detector: tracks each incident (rule + group key) on one task
 * and folds its matches into alerts. A match whose incident is grouped by the source topic's key
 * ({@link GroupRouting}) is tracked in the task that read its event (store {@code
 * <name>-incident-store}); any other is folded per commit interval ({@link MatchFolder}) and
 * re-keyed by fingerprint through a repartition topic first (store {@code
 * <name>-regrouped-incident-store}).
 */
final class IncidentTracker {

  private IncidentTracker() {}

  /**
   * Adds the stores and processors named after {@code name} for the matches of {@code source}'s
   * events to {@code builder}, writing their alerts (key: fingerprint) to {@code sink}. Each path
   * has its own sink, so the two sub-topologies stay apart.
   */
  static void track(
      StreamsBuilder builder,
      KStream<String, Match> matches,
      RuleSet rules,
      Rule.Source source,
      String name,
      AlertSink sink) {
    GroupRouting routing = GroupRouting.of(rules, source);
    var routes =
        matches
            .split(Named.as(name + "-incident-route"))
            .branch(
                (key, match) -> routing.inPlace(key, match.ruleId(), match.group()),
                Branched.as("-in-place"))
            .defaultBranch(Branched.as("-regrouped"));
    incidents(builder, routes.get(name + "-incident-route-in-place"), rules, name, sink);
    String folds = name + "-match-folds";
    builder.addStateStore(DetectStores.inMemory(folds, JsonSerde.of(Match.class)));
    KStream<String, Match> regrouped =
        routes
            .get(name + "-incident-route-regrouped")
            .process(() -> new MatchFolder(folds), Named.as(name + "-fold-matches"), folds)
            .repartition(
                Repartitioned.<String, Match>as(name + "-matches")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(JsonSerde.of(Match.class)));
    incidents(builder, regrouped, rules, name + "-regrouped", sink);
  }

  /**
   * Folds {@code matches} into the incidents of store {@code <prefix>-incident-store} (their counts
   * in {@code <prefix>-incident-counts}) and writes their alerts.
   */
  private static void incidents(
      StreamsBuilder builder,
      KStream<String, Match> matches,
      RuleSet rules,
      String prefix,
      AlertSink sink) {
    String store = prefix + "-incident-store";
    String counts = prefix + "-incident-counts";
    builder.addStateStore(DetectStores.keyValue(store, Incident.class));
    builder.addStateStore(DetectStores.keyValue(counts, IncidentCounts.serde()));
    KStream<String, Alert> alerts =
        matches.process(
            () -> new IncidentProcessor(rules, store, counts, sink.metrics()),
            Named.as(prefix + "-incidents"),
            store,
            counts);
    sink.write(alerts, prefix);
  }
}
