package io.tocsin.detect;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.config.DeploymentSettings;
import io.tocsin.detect.deploy.DeployLookup;
import io.tocsin.detect.deploy.DeployWatch;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.Topics;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The detection topology: every detector whose rules are loaded, and the deploy watch, in one
 * Streams application that reads and decodes each input record once. Each log event is scanned once
 * for every logs rule ({@link EventScan}); the match and rate detectors both read that scan.
 */
public final class DetectionTopology {

  private DetectionTopology() {}

  /**
   * How long after the last event every rate and threshold rule of {@code rules} has settled: the
   * longest time any group's alarm may still change state without new events (zero without such
   * rules). Replay runs the clock on by this much so final periods are evaluated.
   */
  public static Duration settlingTime(RuleSet rules) {
    long longest = 0;
    for (CompiledRule rule : rules.all()) {
      if (RateDetector.RATE_KINDS.contains(rule.rule().kind())) {
        longest = Math.max(longest, AlarmMode.of(rule).settling());
      }
    }
    return Duration.ofMillis(longest);
  }

  /**
   * The window stores of {@code topology} (built here) holding sliding rules' per-minute figures,
   * which the API queries for the console's chart.
   */
  public static List<String> figureStores(Topology topology) {
    return topology.describe().subtopologies().stream()
        .flatMap(subtopology -> subtopology.nodes().stream())
        .filter(node -> node instanceof TopologyDescription.Processor)
        .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
        .filter(store -> store.endsWith(MinuteFigures.SUFFIX))
        .distinct()
        .sorted()
        .toList();
  }

  /** Builds the topology for {@code rules}, without meters (tests, replay, docs). */
  public static Topology build(RuleSet rules) {
    return build(rules, null);
  }

  /**
   * Builds the topology for {@code rules}, with its meters ({@link DetectMetrics}, allow-list
   * suppressions) in {@code registry} when it is not {@code null}.
   */
  public static Topology build(RuleSet rules, MeterRegistry registry) {
    return build(rules, registry, null);
  }

  /**
   * Builds the topology for {@code rules} with its meters in {@code registry} (or none when it is
   * {@code null}); when {@code deployments} is enabled, the {@link DeployWatch} judges every deploy
   * on the same input records, and every alert on a log group carries the latest deploy of that log
   * group within the look-back ({@link DeployLookup}).
   */
  public static Topology build(
      RuleSet rules, MeterRegistry registry, DeploymentSettings deployments) {
    StreamsBuilder builder = new StreamsBuilder();
    DeployLookup deploys =
        deployments == null || !deployments.enabled() ? null : new DeployLookup(deployments);
    AlertSink sink = new AlertSink(DetectMetrics.of(registry), deploys);
    EventScan logScan = EventScan.of(rules, Rule.Source.LOGS, EnumSet.allOf(Rule.Kind.class));
    KStream<String, ScannedLog> scannedLogs = null;
    if (logScan != null) {
      scannedLogs =
          builder.stream(Topics.LOGS.name(), Topics.LOGS.consumed("logs-source"))
              .mapValues(event -> ScannedLog.of(event, logScan), Named.as("logs-scan"));
      LogPatternDetector.build(builder, scannedLogs, rules, sink);
    }
    if (rules.reads(Rule.Source.CLOUDTRAIL)) {
      CloudTrailMatchDetector.build(builder, rules, registry, sink);
    }
    RateDetector.build(builder, scannedLogs, rules, sink);
    if (deploys != null) {
      deploys.addTo(builder);
      DeployWatch.build(builder, deployments, registry);
    }
    return builder.build();
  }
}
