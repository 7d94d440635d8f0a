package io.tocsin.detect;

import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleSet;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** The detection topology: every detector whose rules are loaded, in one Streams application. */
public final class DetectionTopology {

  private DetectionTopology() {}

  /** Builds the topology for {@code rules}. */
  public static Topology build(RuleSet rules) {
    StreamsBuilder builder = new StreamsBuilder();
    if (rules.reads(Rule.Source.LOGS)) {
      LogPatternDetector.build(builder, rules);
    }
    if (rules.reads(Rule.Source.CLOUDTRAIL)) {
      CloudTrailMatchDetector.build(builder, rules);
    }
    RateDetector.build(builder, rules);
    return builder.build();
  }
}
