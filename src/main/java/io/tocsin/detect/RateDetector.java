package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleEvent;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.JsonSerde;
import io.tocsin.topics.Topics;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The failure-rate and threshold detector: applies every {@code kind: rate} and {@code kind:
 * threshold} rule to {@code tocsin.logs.v1} and {@code tocsin.cloudtrail.v1}, keeps each group's
 * recent series and alarm state in a changelogged store (key: fingerprint), and raises an alert on
 * {@code tocsin.alerts.v1} for every change into or out of ALARM — in the step that processes the
 * breaching event, or within a wall-clock second when traffic stops.
 *
 * <p>A rule grouped by the field its source topic is keyed by ({@code log_group} for logs, {@code
 * account} for CloudTrail) has all of a group's events on one partition already, so its groups are
 * evaluated in place, in the task that reads the event (store {@code logs-rate-groups}). Other
 * rules, and any record whose key is not that field's value, go through a repartition topic keyed
 * by fingerprint first (store {@code logs-rate-regrouped-groups}). Most rules need no shuffle,
 * which spares the broker a write and a read of every observation.
 */
final class RateDetector {

  /** The kinds of rule this detector evaluates. */
  static final Set<Rule.Kind> RATE_KINDS = EnumSet.of(Rule.Kind.RATE, Rule.Kind.THRESHOLD);

  private RateDetector() {}

  /**
   * Adds the detector to {@code builder}: for the rate and threshold hits of the events of {@code
   * scannedLogs} (null when no logs rule is loaded), and for CloudTrail events when such rules read
   * them; writing alerts to {@code sink}.
   */
  static void build(
      StreamsBuilder builder,
      KStream<String, ScannedLog> scannedLogs,
      RuleSet rules,
      AlertSink sink) {
    if (scannedLogs != null && reads(rules, Rule.Source.LOGS)) {
      KStream<String, Observation> observed =
          scannedLogs.flatMapValues(
              log -> Observations.of(log.view(), log.hits(), log::resource),
              Named.as("logs-rate-observe"));
      alarms(builder, observed, rules, Rule.Source.LOGS, "logs-rate", sink);
    }
    EventScan trail = EventScan.of(rules, Rule.Source.CLOUDTRAIL, RATE_KINDS);
    if (trail != null) {
      KStream<String, Observation> observed =
          builder.stream(Topics.CLOUDTRAIL.name(), Topics.CLOUDTRAIL.consumed("cloudtrail-source"))
              .flatMapValues(
                  event -> {
                    RuleEvent view = RuleEvent.of(event);
                    return Observations.of(
                        view,
                        trail.hits(view),
                        () -> CloudTrailMatchDetector.resource(event, view));
                  },
                  Named.as("cloudtrail-rate-observe"));
      alarms(builder, observed, rules, Rule.Source.CLOUDTRAIL, "cloudtrail-rate", sink);
    }
  }

  /** Whether a rate or threshold rule reads {@code source}. */
  static boolean reads(RuleSet rules, Rule.Source source) {
    return rules.all().stream()
        .anyMatch(r -> r.rule().source() == source && RATE_KINDS.contains(r.rule().kind()));
  }

  /**
   * Evaluates observations of rules grouped by the record key where they are, and re-keys the rest
   * by fingerprint first, so one group lives on one task either way.
   */
  private static void alarms(
      StreamsBuilder builder,
      KStream<String, Observation> observed,
      RuleSet rules,
      Rule.Source source,
      String name,
      AlertSink sink) {
    GroupRouting routing = GroupRouting.of(rules, source);
    observed
        .split(Named.as(name + "-route"))
        .branch(
            (key, o) -> routing.inPlace(key, o.ruleId(), o.group()),
            Branched.withConsumer(
                local -> evaluate(builder, local, rules, name, sink), "-in-place"))
        .defaultBranch(
            Branched.withConsumer(
                other ->
                    evaluate(
                        builder,
                        other
                            .selectKey(
                                (key, o) -> o.fingerprint(),
                                Named.as(name + "-regrouped-key-by-fingerprint"))
                            .repartition(
                                Repartitioned.<String, Observation>as(
                                        name + "-regrouped-observations")
                                    .withKeySerde(Serdes.String())
                                    .withValueSerde(JsonSerde.of(Observation.class))),
                        rules,
                        name + "-regrouped",
                        sink),
                "-regrouped"));
  }

  /**
   * Folds {@code observations} into the groups of store {@code <prefix>-groups}, recording sliding
   * rules' figures per minute in {@code <prefix>-figures}.
   */
  private static void evaluate(
      StreamsBuilder builder,
      KStream<String, Observation> observations,
      RuleSet rules,
      String prefix,
      AlertSink sink) {
    String store = prefix + "-groups";
    String figures = prefix + MinuteFigures.SUFFIX;
    builder.addStateStore(DetectStores.keyValue(store, new GroupStateSerde()));
    builder.addStateStore(MinuteFigures.store(figures));
    KStream<String, Alert> alerts =
        observations.process(
            () -> new AlarmProcessor(rules, store, figures, sink.metrics(), prefix),
            Named.as(prefix + "-alarms"),
            store,
            figures);
    sink.write(alerts, prefix);
  }
}
