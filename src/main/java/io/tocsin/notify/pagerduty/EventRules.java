package io.tocsin.notify.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PagerDuty's Events API v2 rules for one event, as documented for {@code /v2/enqueue}: what {@link
 * LocalPagerDuty} enforces so that local mode rejects what PagerDuty would reject.
 */
final class EventRules {

  private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
  private static final int ROUTING_KEY_CHARS = 32;
  private static final int MAX_DEDUP_KEY_CHARS = 255;

  private EventRules() {}

  /** Every rule {@code event} breaks, in PagerDuty's wording style; empty when it is valid. */
  static List<String> problems(JsonNode event) {
    List<String> problems = new ArrayList<>();
    if (!event.isObject()) {
      return List.of("Event must be a JSON object");
    }
    String key = event.path("routing_key").asText("");
    if (key.length() != ROUTING_KEY_CHARS) {
      problems.add("'routing_key' is missing or not " + ROUTING_KEY_CHARS + " characters");
    }
    String action = event.path("event_action").asText("");
    if (!ACTIONS.contains(action)) {
      problems.add("'event_action' must be one of trigger, acknowledge, resolve");
    }
    JsonNode dedup = event.get("dedup_key");
    if (dedup != null && dedup.asText().length() > MAX_DEDUP_KEY_CHARS) {
      problems.add("'dedup_key' must be at most " + MAX_DEDUP_KEY_CHARS + " characters");
    }
    if (!action.equals("trigger")) {
      if (dedup == null || dedup.asText().isEmpty()) {
        problems.add("'dedup_key' is required for " + action);
      }
      return problems;
    }
    JsonNode payload = event.path("payload");
    if (!payload.isObject()) {
      problems.add("'payload' is missing or not an object");
      return problems;
    }
    String summary = payload.path("summary").asText("");
    if (summary.isEmpty() || summary.length() > PagerDutyEvent.MAX_SUMMARY_CHARS) {
      problems.add("'payload.summary' is missing or longer than 1024 characters");
    }
    if (payload.path("source").asText("").isEmpty()) {
      problems.add("'payload.source' is missing");
    }
    if (!SEVERITIES.contains(payload.path("severity").asText(""))) {
      problems.add("'payload.severity' must be one of critical, error, warning, info");
    }
    if (payload.has("timestamp") && !isTimestamp(payload.get("timestamp").asText())) {
      problems.add("'payload.timestamp' is not an ISO 8601 date-time");
    }
    if (event.has("custom_details") || payload.has("details")) {
      problems.add("details belong in 'payload.custom_details'");
    }
    for (JsonNode link : event.path("links")) {
      if (link.path("href").asText("").isEmpty()) {
        problems.add("every 'links' entry needs an 'href'");
      }
    }
    return problems;
  }

  private static boolean isTimestamp(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
