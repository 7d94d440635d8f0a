package io.tocsin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An open incident of a match rule, as kept in the changelogged incident store (key: fingerprint).
 *
 * @param ruleId the rule
 * @param group the group-key fields and values
 * @param startsAt event time of the first match
 * @param lastMatchAt latest event time of a match
 * @param lastSeenMillis wall-clock time the latest match was processed
 * @param count matches folded in so far
 * @param samples the first {@link Alert#MAX_SAMPLES} samples
 * @param resource the resource of the first match
 * @param context the enrichment of the first match; its {@code eventIds} list (when it has one)
 *     grows with every match folded in, up to {@link #MAX_EVENT_IDS}
 */
public record Incident(
    String ruleId,
    Map<String, String> group,
    Instant startsAt,
    Instant lastMatchAt,
    long lastSeenMillis,
    long count,
    List<String> samples,
    Alert.Resource resource,
    JsonNode context) {

  /** Most event IDs an incident's context lists. */
  public static final int MAX_EVENT_IDS = 50;

  /** An incident opened by {@code match}, processed at wall-clock {@code nowMillis}. */
  static Incident open(Match match, long nowMillis) {
    return new Incident(
        match.ruleId(),
        match.group(),
        match.eventTime(),
        match.lastEventTime(),
        nowMillis,
        match.count(),
        match.samples(),
        match.resource(),
        match.context());
  }

  /** Its count and latest match times, the part every match changes. */
  IncidentCounts counts() {
    return new IncidentCounts(count, lastMatchAt.toEpochMilli(), lastSeenMillis);
  }

  /** This incident with {@code counts} in place of its own. */
  Incident withCounts(IncidentCounts counts) {
    return new Incident(
        ruleId,
        group,
        startsAt,
        Instant.ofEpochMilli(counts.lastMatchAtMillis()),
        counts.lastSeenMillis(),
        counts.count(),
        samples,
        resource,
        context);
  }

  /**
   * Whether {@code other}, a later state of this incident, holds the same samples and context (the
   * same instances: {@link #plus} keeps them once they are full), so only its counts differ.
   */
  boolean onlyCountsDifferFrom(Incident other) {
    return other != null && samples == other.samples && context == other.context;
  }

  /** This incident with {@code match} folded in. */
  Incident plus(Match match, long nowMillis) {
    Instant last = match.lastEventTime().isAfter(lastMatchAt) ? match.lastEventTime() : lastMatchAt;
    return new Incident(
        ruleId,
        group,
        startsAt,
        last,
        nowMillis,
        count + match.count(),
        Match.keptSamples(samples, match.samples()),
        resource,
        Match.withEventIds(context, match.context()));
  }
}
