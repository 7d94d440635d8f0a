package io.tocsin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Alert;
import java.time.Instant;
import java.util.Map;

/**
 * One event matching one rule: the unit that incident tracking folds into alerts. Travels through
 * the repartition topic keyed by {@link #fingerprint}, so one incident lives on one task.
 *
 * @param fingerprint stable per rule and group key
 * @param ruleId the rule that matched
 * @param group the group-key fields and values, e.g. {@code log_group: /aws/lambda/orders}
 * @param eventTime when the event happened
 * @param sample the message or event text, truncated to {@link #MAX_SAMPLE_CHARS}
 * @param resource the resource and actor the event concerns
 * @param context rule-specific enrichment, or {@code null}
 */
public record Match(
    String fingerprint,
    String ruleId,
    Map<String, String> group,
    Instant eventTime,
    String sample,
    Alert.Resource resource,
    JsonNode context) {

  /** Longest sample kept, in characters. */
  public static final int MAX_SAMPLE_CHARS = 2048;

  /** Truncates {@code text} to {@link #MAX_SAMPLE_CHARS}, marking the cut. */
  static String sampleOf(String text) {
    return text.length() <= MAX_SAMPLE_CHARS ? text : text.substring(0, MAX_SAMPLE_CHARS - 1) + "…";
  }
}
