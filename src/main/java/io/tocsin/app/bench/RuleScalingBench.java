package io.tocsin.app.bench;

import io.tocsin.app.bench.Rounds.Contender;
import io.tocsin.app.bench.Rounds.Rate;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.LogEvent;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleEvent;
import io.tocsin.rules.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matching cost per event as the rule pack grows: the corpus's decoded events through {@link
 * RuleSet#matching} with {@link RuleGenerator} packs of each size, one {@link RuleEvent} per event
 * as the detectors build it. Logs and CloudTrail are timed apart, since their rules differ in kind.
 */
final class RuleScalingBench {

  /** The pack sizes measured. */
  static final List<Integer> SIZES = List.of(10, 100, 1000);

  /**
   * The cost of one source per pack size.
   *
   * @param rates by pack size, in {@link #SIZES} order
   */
  record Result(Map<Integer, Rate> rates) {
    /** The cost with the largest pack as a multiple of the cost with the smallest. */
    double growth() {
      Rate small = rates.get(SIZES.get(0));
      Rate large = rates.get(SIZES.get(SIZES.size() - 1));
      return large.nanosPerEvent() / small.nanosPerEvent();
    }
  }

  private final Corpus corpus;
  private final Map<Integer, RuleSet> packs = new LinkedHashMap<>();

  /** Generates a pack per size under {@code dir}. */
  RuleScalingBench(Corpus corpus, Path dir) {
    this.corpus = corpus;
    for (int size : SIZES) {
      packs.put(size, RuleGenerator.load(size, dir));
    }
  }

  /** The logs figures. */
  Result logs(Rounds rounds) {
    return measure(rounds, "logs", rules -> matchLogs(rules, corpus.logs()));
  }

  /** The CloudTrail figures. */
  Result cloudTrail(Rounds rounds) {
    return measure(rounds, "cloudtrail", rules -> matchCloudTrail(rules, corpus.cloudTrail()));
  }

  private Result measure(
      Rounds rounds, String source, java.util.function.ToLongFunction<RuleSet> pass) {
    List<Contender> contenders = new ArrayList<>();
    packs.forEach(
        (size, rules) ->
            contenders.add(
                new Contender(source + " " + size + " rules", () -> pass.applyAsLong(rules))));
    List<Rate> rates = rounds.run(contenders);
    Map<Integer, Rate> bySize = new LinkedHashMap<>();
    for (int i = 0; i < SIZES.size(); i++) {
      bySize.put(SIZES.get(i), rates.get(i));
    }
    return new Result(bySize);
  }

  private static long matchLogs(RuleSet rules, List<LogEvent> events) {
    long matched = 0;
    for (LogEvent event : events) {
      matched += rules.matching(Rule.Source.LOGS, RuleEvent.of(event)).size();
    }
    Rounds.consume(matched);
    return events.size();
  }

  private static long matchCloudTrail(RuleSet rules, List<CloudTrailEvent> events) {
    long matched = 0;
    for (CloudTrailEvent event : events) {
      matched += rules.matching(Rule.Source.CLOUDTRAIL, RuleEvent.of(event)).size();
    }
    Rounds.consume(matched);
    return events.size();
  }
}
