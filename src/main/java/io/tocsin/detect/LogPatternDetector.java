package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.model.LogEvent;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleEvent;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The ERROR-pattern detector: applies every {@code source: logs, kind: match} rule to {@code
 * tocsin.logs.v1} and raises one alert per incident (rule + group key) on {@code tocsin.alerts.v1}.
 */
public final class LogPatternDetector {

  private LogPatternDetector() {}

  /** Adds the detector to {@code builder}, counting in {@code metrics}. */
  public static void build(StreamsBuilder builder, RuleSet rules, DetectMetrics metrics) {
    KStream<String, Match> matches =
        builder.stream(Topics.LOGS.name(), Topics.LOGS.consumed("logs-source"))
            .flatMapValues(
                event ->
                    Matches.of(rules, Rule.Source.LOGS, RuleEvent.of(event), () -> resource(event)),
                Named.as("logs-match-rules"));
    AlertSink.to(IncidentTracker.track(builder, matches, rules, "logs", metrics), "logs", metrics);
  }

  /** The resource and actor of {@code event}, for alerts. */
  static Alert.Resource resource(LogEvent event) {
    return new Alert.Resource(event.owner(), null, event.logGroup(), null, null, null, null);
  }
}
