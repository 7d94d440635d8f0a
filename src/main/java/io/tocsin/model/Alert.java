package io.tocsin.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One alert state change on {@code tocsin.alerts.v1} (key: {@link #fingerprint}). The JSON form is
 * a public contract for analysts: its schema is {@code topology-docs/alert.schema.json}. Add
 * optional fields only; anything else needs {@code tocsin.alerts.v2}.
 *
 * @param schemaVersion always {@link #SCHEMA_VERSION} for this topic
 * @param id unique per state change; the SNS FIFO deduplication id
 * @param fingerprint stable per rule and group key; the PagerDuty {@code dedup_key}
 * @param status firing or resolved
 * @param rule the rule that raised it
 * @param title one line for a pager
 * @param summary a few lines saying what was seen
 * @param startsAt when the incident started (first matching event time)
 * @param updatedAt when this state change was produced (event time of the last evidence)
 * @param endsAt when it resolved; {@code null} while firing
 * @param count matching events folded into this incident so far
 * @param evaluation for rate and threshold rules, the observed figures; otherwise {@code null}
 * @param resource the AWS resource and actor concerned
 * @param samples up to {@link #MAX_SAMPLES} sample log messages or event JSON texts
 * @param links runbook and console links
 * @param labels routing labels from the rule and the group key
 * @param context rule-specific enrichment (e.g. the risky request parameters), or {@code null}
 */
public record Alert(
    int schemaVersion,
    String id,
    String fingerprint,
    AlertStatus status,
    AlertRule rule,
    String title,
    String summary,
    Instant startsAt,
    Instant updatedAt,
    Instant endsAt,
    long count,
    Evaluation evaluation,
    Resource resource,
    List<String> samples,
    List<Link> links,
    Map<String, String> labels,
    JsonNode context) {

  /** The schema version of this record's JSON form. */
  public static final int SCHEMA_VERSION = 1;

  /** The most samples an alert carries. */
  public static final int MAX_SAMPLES = 5;

  /** Normalises absent collections to empty ones so consumers never see {@code null} lists. */
  public Alert {
    samples = samples == null ? List.of() : List.copyOf(samples);
    links = links == null ? List.of() : List.copyOf(links);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** This alert with {@code context} in place of its own. */
  public Alert withContext(JsonNode context) {
    return new Alert(
        schemaVersion,
        id,
        fingerprint,
        status,
        rule,
        title,
        summary,
        startsAt,
        updatedAt,
        endsAt,
        count,
        evaluation,
        resource,
        samples,
        links,
        labels,
        context);
  }

  /** The rule fields copied into every alert so consumers need not load the rules. */
  public record AlertRule(
      String id, String title, String kind, Severity severity, List<String> tags) {
    /** Normalises absent tags to an empty list. */
    public AlertRule {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }
  }

  /**
   * What a rate or threshold rule observed when it changed state.
   *
   * @param mode {@code sliding} or {@code periodic}
   * @param statistic {@code ratio} for rate rules, else count, sum, avg, min, max, p90, p95, p99
   * @param numerator matching events (rate rules)
   * @param denominator events considered (rate rules)
   * @param value the observed ratio or statistic
   * @param comparison {@code >}, {@code >=}, {@code <} or {@code <=}
   * @param threshold the rule's threshold
   * @param windowSeconds the evaluation window or period length
   * @param datapoints for periodic rules, the evaluated datapoints oldest first ({@code null} =
   *     missing)
   * @param state the alarm state changed to: {@code ALARM}, {@code OK} or (periodic) {@code
   *     INSUFFICIENT_DATA}; optional (added in v1 for rate and threshold rules)
   */
  public record Evaluation(
      String mode,
      String statistic,
      Double numerator,
      Double denominator,
      Double value,
      String comparison,
      double threshold,
      long windowSeconds,
      List<Double> datapoints,
      String state) {}

  /** The AWS resource and actor an alert concerns; any field may be {@code null}. */
  public record Resource(
      String account,
      String region,
      String logGroup,
      String eventSource,
      String principalArn,
      String sourceIp,
      String userAgent) {}

  /** A link shown with the alert (runbook, console). */
  public record Link(String text, String href) {}
}
