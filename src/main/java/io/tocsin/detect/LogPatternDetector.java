package io.tocsin.detect;

import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleSet;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The ERROR-pattern detector: turns the match-rule hits of every scanned {@code tocsin.logs.v1}
 * event ({@code source: logs, kind: match} rules) into matches and raises one alert per incident
 * (rule + group key) on {@code tocsin.alerts.v1}.
 */
final class LogPatternDetector {

  private LogPatternDetector() {}

  /**
   * Adds the detector for the events of {@code scanned} to {@code builder}, writing to {@code
   * sink}.
   */
  static void build(
      StreamsBuilder builder, KStream<String, ScannedLog> scanned, RuleSet rules, AlertSink sink) {
    KStream<String, Match> matches =
        scanned.flatMapValues(
            log -> Matches.of(log.view(), log.hits(), log::resource), Named.as("logs-match-rules"));
    IncidentTracker.track(builder, matches, rules, Rule.Source.LOGS, "logs", sink);
  }
}
