package io.tocsin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Alert;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleEvent;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Applies every {@code source: cloudtrail, kind: match} rule to {@code tocsin.cloudtrail.v1} and
 * raises one alert per incident (default group: principal + account) with the actor, source IP and
 * user agent an analyst needs first.
 */
public final class CloudTrailMatchDetector {

  private CloudTrailMatchDetector() {}

  /** Adds the detector to {@code builder}. */
  public static void build(StreamsBuilder builder, RuleSet rules) {
    KStream<String, Match> matches =
        builder.stream(Topics.CLOUDTRAIL.name(), Topics.CLOUDTRAIL.consumed("cloudtrail-source"))
            .flatMapValues(
                event -> {
                  RuleEvent view = RuleEvent.of(event);
                  return Matches.of(
                      rules, Rule.Source.CLOUDTRAIL, view, () -> resource(event, view));
                },
                Named.as("cloudtrail-match-rules"));
    IncidentTracker.track(builder, matches, rules, "cloudtrail")
        .to(Topics.ALERTS.name(), Topics.ALERTS.produced("cloudtrail-alerts-sink"));
  }

  /** The resource and actor of {@code event}, for alerts. */
  static Alert.Resource resource(CloudTrailEvent event, RuleEvent view) {
    JsonNode e = event.event();
    return new Alert.Resource(
        event.account(),
        event.region(),
        null,
        event.eventSource(),
        view.field("principal"),
        e.path("sourceIPAddress").asText(null),
        e.path("userAgent").asText(null));
  }
}
