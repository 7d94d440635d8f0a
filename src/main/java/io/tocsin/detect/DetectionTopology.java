package io.tocsin.detect;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleSet;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** The detection topology: every detector whose rules are loaded, in one Streams application. */
public final class DetectionTopology {

  private DetectionTopology() {}

  /** Builds the topology for {@code rules}, without meters (tests, replay, docs). */
  public static Topology build(RuleSet rules) {
    return build(rules, null);
  }

  /**
   * Builds the topology for {@code rules}, with its meters ({@link DetectMetrics}, allow-list
   * suppressions) in {@code registry} when it is not {@code null}.
   */
  public static Topology build(RuleSet rules, MeterRegistry registry) {
    StreamsBuilder builder = new StreamsBuilder();
    DetectMetrics metrics = DetectMetrics.of(registry);
    if (rules.reads(Rule.Source.LOGS)) {
      LogPatternDetector.build(builder, rules, metrics);
    }
    if (rules.reads(Rule.Source.CLOUDTRAIL)) {
      CloudTrailMatchDetector.build(builder, rules, registry);
    }
    RateDetector.build(builder, rules, metrics);
    return builder.build();
  }
}
