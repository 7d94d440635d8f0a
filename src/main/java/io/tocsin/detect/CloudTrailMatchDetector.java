package io.tocsin.detect;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.model.Alert;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.rules.CloudTrailRuleMatcher;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleEvent;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.Topics;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The security detector: applies every {@code source: cloudtrail, kind: match} rule (pattern,
 * conditions, allow-lists, supersedes: {@link CloudTrailRuleMatcher}) to {@code
 * tocsin.cloudtrail.v1} and raises one alert per incident (default group: principal + account),
 * repeats folded, with the actor, target, risky parameters and event IDs in the alert context.
 * Rules with a {@code first_seen} condition go through the {@link FirstSeenDetector} first, rules
 * with an {@code after} or {@code distinct} condition through the {@link KeyedDetector}.
 */
public final class CloudTrailMatchDetector {

  private static final String NAME = "cloudtrail";

  private CloudTrailMatchDetector() {}

  /** Adds the detector to {@code builder}, without metrics. */
  public static void build(StreamsBuilder builder, RuleSet rules) {
    build(builder, rules, null);
  }

  /**
   * Adds the detector to {@code builder}; allow-list suppressions ({@code
   * tocsin.rules.allowlisted{rule,allowlist}}) and {@link DetectMetrics} are counted in {@code
   * registry} when it is not {@code null}.
   */
  public static void build(StreamsBuilder builder, RuleSet rules, MeterRegistry registry) {
    build(builder, rules, registry, new AlertSink(DetectMetrics.of(registry), null));
  }

  /** Adds the detector to {@code builder}, writing its alerts to {@code sink}. */
  static void build(StreamsBuilder builder, RuleSet rules, MeterRegistry registry, AlertSink sink) {
    SecurityFindings findings = new SecurityFindings(new CloudTrailRuleMatcher(rules), registry);
    KStream<String, Finding> found =
        builder.stream(Topics.CLOUDTRAIL.name(), Topics.CLOUDTRAIL.consumed(NAME + "-source"))
            .flatMapValues(findings::of, Named.as(NAME + "-match-rules"));
    boolean firstSeen = rules.all().stream().anyMatch(CloudTrailMatchDetector::firstSeen);
    boolean keyed = rules.all().stream().anyMatch(CloudTrailMatchDetector::keyed);
    KStream<String, Match> matches;
    if (firstSeen || keyed) {
      BranchedKStream<String, Finding> split = found.split(Named.as(NAME + "-route"));
      if (firstSeen) {
        split.branch((key, f) -> f.firstSeen(), Branched.as("-first-seen"));
      }
      if (keyed) {
        split.branch((key, f) -> f.isKeyed(), Branched.as("-keyed"));
      }
      Map<String, KStream<String, Finding>> branches = split.defaultBranch(Branched.as("-alerts"));
      matches =
          branches
              .get(NAME + "-route-alerts")
              .mapValues(Finding::match, Named.as(NAME + "-matches"));
      if (firstSeen) {
        KStream<String, Finding> candidates = branches.get(NAME + "-route-first-seen");
        matches =
            matches.merge(
                FirstSeenDetector.build(builder, candidates, rules, NAME),
                Named.as(NAME + "-all-matches"));
      }
      if (keyed) {
        KStream<String, Finding> candidates = branches.get(NAME + "-route-keyed");
        matches =
            matches.merge(
                KeyedDetector.build(builder, candidates, rules, NAME),
                Named.as(NAME + "-keyed-matches"));
      }
    } else {
      matches = found.mapValues(Finding::match, Named.as(NAME + "-matches"));
    }
    IncidentTracker.track(builder, matches, rules, Rule.Source.CLOUDTRAIL, NAME, sink);
  }

  /** The resource and actor of {@code event}, for alerts. */
  static Alert.Resource resource(CloudTrailEvent event, RuleEvent view) {
    return new Alert.Resource(
        event.account(),
        event.region(),
        null,
        event.eventSource(),
        view.field("principal"),
        view.field("source_ip"),
        view.field("user_agent"));
  }

  private static boolean keyed(CompiledRule rule) {
    return rule.rule().source() == Rule.Source.CLOUDTRAIL && rule.conditions().keyed() != null;
  }

  private static boolean firstSeen(CompiledRule rule) {
    return rule.rule().source() == Rule.Source.CLOUDTRAIL && rule.conditions().firstSeen() != null;
  }
}
