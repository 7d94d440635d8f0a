package io.tocsin.detect;

import io.tocsin.rules.RuleSet;
import io.tocsin.topics.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The first-seen detector: decides the cloudtrail rules with a {@code first_seen} condition (e.g. a
 * principal never seen on a bucket reading many objects). Candidates are re-keyed by scope, so all
 * state of one bucket lives on one task whatever account delivered the event, and decided by {@link
 * FirstSeenProcessor} over a changelogged store. Repeats of a one-event rule's subject on a scope
 * are dropped before the repartition ({@link FirstSeenCandidateThinner}).
 */
public final class FirstSeenDetector {

  private FirstSeenDetector() {}

  /**
   * Adds the detector for {@code candidates} to {@code builder}; returns the matches it decided
   * (key: fingerprint), ready for incident tracking.
   */
  public static KStream<String, Match> build(
      StreamsBuilder builder, KStream<String, Finding> candidates, RuleSet rules, String name) {
    String store = name + "-first-seen-store";
    builder.addStateStore(DetectStores.keyValue(store, FirstSeenState.class));
    return candidates
        .processValues(
            () -> new FirstSeenCandidateThinner(rules), Named.as(name + "-first-seen-thin"))
        .selectKey((key, finding) -> finding.scope(), Named.as(name + "-first-seen-key-by-scope"))
        .repartition(
            Repartitioned.<String, Finding>as(name + "-first-seen-candidates")
                .withKeySerde(Serdes.String())
                .withValueSerde(JsonSerde.of(Finding.class)))
        .process(() -> new FirstSeenProcessor(rules, store), Named.as(name + "-first-seen"), store);
  }
}
