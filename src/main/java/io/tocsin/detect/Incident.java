package io.tocsin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Alert;
import java.time.Instant;
import java.util.ArrayList;
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
        match.eventTime(),
        nowMillis,
        1,
        List.of(match.sample()),
        match.resource(),
        match.context());
  }

  /** This incident with {@code match} folded in. */
  Incident plus(Match match, long nowMillis) {
    List<String> kept = samples;
    if (samples.size() < Alert.MAX_SAMPLES) {
      kept = new ArrayList<>(samples);
      kept.add(match.sample());
    }
    Instant last = match.eventTime().isAfter(lastMatchAt) ? match.eventTime() : lastMatchAt;
    return new Incident(
        ruleId,
        group,
        startsAt,
        last,
        nowMillis,
        count + 1,
        kept,
        resource,
        withEventIds(context, match.context()));
  }

  private static JsonNode withEventIds(JsonNode context, JsonNode more) {
    JsonNode have = context == null ? null : context.get("eventIds");
    JsonNode added = more == null ? null : more.get("eventIds");
    if (!(have instanceof ArrayNode ids)
        || added == null
        || !added.isArray()
        || ids.size() >= MAX_EVENT_IDS) {
      return context;
    }
    ObjectNode copy = ((ObjectNode) context).deepCopy();
    ArrayNode list = (ArrayNode) copy.get("eventIds");
    for (JsonNode id : added) {
      if (list.size() < MAX_EVENT_IDS) {
        list.add(id);
      }
    }
    return copy;
  }
}
