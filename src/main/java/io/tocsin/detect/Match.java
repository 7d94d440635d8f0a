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
 * One or more events of one incident matching its rule: the unit that incident tracking folds into
 * alerts. A detector makes one per event; {@link MatchFolder} folds the repeats one task sees
 * within a commit interval into one before they travel through the repartition topic keyed by
 * {@link #fingerprint}, so one incident lives on one task.
 *
 * @param fingerprint stable per rule and group key
 * @param ruleId the rule that matched
 * @param group the group-key fields and values, e.g. {@code log_group: /aws/lambda/orders}
 * @param eventTime the earliest event time among the events
 * @param lastEventTime the latest event time among the events
 * @param count how many events
 * @param samples the first events' messages or texts, each truncated to {@link #MAX_SAMPLE_CHARS},
 *     at most {@link Alert#MAX_SAMPLES}
 * @param resource the resource and actor the first event concerns
 * @param context rule-specific enrichment of the first event, or {@code null}; its {@code eventIds}
 *     list (when it has one) holds the events' IDs, up to {@link Incident#MAX_EVENT_IDS}
 */
public record Match(
    String fingerprint,
    String ruleId,
    Map<String, String> group,
    Instant eventTime,
    Instant lastEventTime,
    long count,
    List<String> samples,
    Alert.Resource resource,
    JsonNode context) {

  /** Longest sample kept, in characters. */
  public static final int MAX_SAMPLE_CHARS = 2048;

  /** The match of one event at {@code eventTime} whose text is {@code sample}. */
  Match(
      String fingerprint,
      String ruleId,
      Map<String, String> group,
      Instant eventTime,
      String sample,
      Alert.Resource resource,
      JsonNode context) {
    this(fingerprint, ruleId, group, eventTime, eventTime, 1, List.of(sample), resource, context);
  }

  /** Truncates {@code text} to {@link #MAX_SAMPLE_CHARS}, marking the cut. */
  static String sampleOf(String text) {
    return text.length() <= MAX_SAMPLE_CHARS ? text : text.substring(0, MAX_SAMPLE_CHARS - 1) + "…";
  }

  /** This match with {@code context} in place of its own. */
  Match withContext(JsonNode context) {
    return new Match(
        fingerprint, ruleId, group, eventTime, lastEventTime, count, samples, resource, context);
  }

  /**
   * This match and {@code later} as one: the earliest and latest event time of both, the counts
   * added, samples and event IDs of {@code later} appended while they fit; group, resource and the
   * rest of the context stay this match's.
   */
  Match plus(Match later) {
    return new Match(
        fingerprint,
        ruleId,
        group,
        later.eventTime.isBefore(eventTime) ? later.eventTime : eventTime,
        later.lastEventTime.isAfter(lastEventTime) ? later.lastEventTime : lastEventTime,
        count + later.count,
        keptSamples(samples, later.samples),
        resource,
        withEventIds(context, later.context));
  }

  /** {@code have} followed by as many of {@code more} as fit in {@link Alert#MAX_SAMPLES}. */
  static List<String> keptSamples(List<String> have, List<String> more) {
    if (have.size() >= Alert.MAX_SAMPLES || more.isEmpty()) {
      return have;
    }
    List<String> kept = new ArrayList<>(have);
    for (int i = 0; i < more.size() && kept.size() < Alert.MAX_SAMPLES; i++) {
      kept.add(more.get(i));
    }
    return kept;
  }

  /**
   * {@code context}, or a copy of it with the event IDs of {@code more} appended when it {@link
   * #takesEventIds takes them}.
   */
  static JsonNode withEventIds(JsonNode context, JsonNode more) {
    if (!takesEventIds(context, more)) {
      return context;
    }
    ObjectNode copy = ((ObjectNode) context).deepCopy();
    appendEventIds(copy, more);
    return copy;
  }

  /**
   * Whether {@code context} lists event IDs, has room for more (up to {@link
   * Incident#MAX_EVENT_IDS}) and {@code more} lists some.
   */
  private static boolean takesEventIds(JsonNode context, JsonNode more) {
    JsonNode have = context == null ? null : context.get("eventIds");
    JsonNode added = more == null ? null : more.get("eventIds");
    return have instanceof ArrayNode ids
        && ids.size() < Incident.MAX_EVENT_IDS
        && added != null
        && added.isArray();
  }

  /**
   * Appends the event IDs of {@code more} to those of {@code context} (one that {@link
   * #takesEventIds takes them}), up to {@link Incident#MAX_EVENT_IDS}.
   */
  private static void appendEventIds(ObjectNode context, JsonNode more) {
    ArrayNode list = (ArrayNode) context.get("eventIds");
    for (JsonNode id : more.get("eventIds")) {
      if (list.size() >= Incident.MAX_EVENT_IDS) {
        return;
      }
      list.add(id);
    }
  }
}
