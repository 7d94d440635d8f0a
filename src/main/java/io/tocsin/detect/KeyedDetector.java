package io.tocsin.detect;

import io.tocsin.rules.RuleSet;
import io.tocsin.topics.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The keyed detector: decides the cloudtrail rules with an {@code after} (a sequence by one actor)
 * or {@code distinct} (many distinct values from one actor) condition. Candidates and first steps
 * are re-keyed by actor, so all state of one actor lives on one task whatever account delivered the
 * event, and decided by {@link KeyedProcessor} over a changelogged store. Repeats that could not
 * change a decision are dropped before the repartition ({@link KeyedCandidateThinner}).
 */
public final class KeyedDetector {

  private KeyedDetector() {}

  /**
   * Adds the detector for {@code candidates} to {@code builder}; returns the matches it decided
   * (key: fingerprint), ready for incident tracking.
   */
  public static KStream<String, Match> build(
      StreamsBuilder builder, KStream<String, Finding> candidates, RuleSet rules, String name) {
    String store = name + "-keyed-store";
    builder.addStateStore(DetectStores.keyValue(store, KeyedState.class));
    return candidates
        .processValues(() -> new KeyedCandidateThinner(rules), Named.as(name + "-keyed-thin"))
        .selectKey((key, finding) -> finding.keyed().key(), Named.as(name + "-keyed-by-actor"))
        .repartition(
            Repartitioned.<String, Finding>as(name + "-keyed-candidates")
                .withKeySerde(Serdes.String())
                .withValueSerde(JsonSerde.of(Finding.class)))
        .process(() -> new KeyedProcessor(rules, store), Named.as(name + "-keyed"), store);
  }
}
