package io.tocsin.rules;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One detection rule as written in a rule file ({@code rule-file.schema.json} documents every
 * field). Fields left out of the file are filled with the defaults named here by {@link
 * RuleLoader}.
 *
 * @param id unique across all loaded files; overriding a default rule means reusing its id
 * @param title one line shown in alerts and pages
 * @param description what the rule detects and why it matters
 * @param source which topic it reads: {@code logs} or {@code cloudtrail}
 * @param kind {@code match}: every matching event is evidence of an incident; {@code rate}: the
 *     share of {@code pattern} events among {@code alarm.denominator} events; {@code threshold}: a
 *     statistic of the values of {@code pattern} events (see {@link Alarm})
 * @param pattern a CloudWatch Logs filter pattern, pasted unchanged from a metric filter (the
 *     numerator of a rate rule)
 * @param logGroups globs ({@code *} = any run of characters) of the log groups the rule applies to;
 *     empty = all (logs rules only)
 * @param groupBy fields that separate incidents; default {@code [log_group]} for logs rules and
 *     {@code [principal, account]} for cloudtrail rules (see {@link GroupKey})
 * @param severity critical, high, medium, low or info
 * @param tags free tags, e.g. MITRE ATT&amp;CK technique ids
 * @param runbook a URL telling the responder what to do
 * @param suppression repeats within this window fold into the open incident, which resolves when a
 *     whole window passes without a match; default 5m
 * @param labels routing labels copied into every alert
 * @param tests inline examples: an event and whether the rule must fire on it
 * @param conditions cloudtrail match rules: further tests an event must pass besides the pattern
 *     (see {@link RuleCondition}); all must hold
 * @param allow cloudtrail match rules: names of allow-lists whose actors the rule never alerts on
 *     (each suppression is counted)
 * @param supersedes ids of more general rules this rule replaces on the events it fires on, so one
 *     event raises one alert (e.g. a CIS monitor superseded by the precise escalation rule)
 * @param alarm for rate and threshold rules, what is measured and when it alarms; else {@code null}
 */
public record Rule(
    String id,
    String title,
    String description,
    Source source,
    Kind kind,
    String pattern,
    List<String> logGroups,
    List<String> groupBy,
    Severity severity,
    List<String> tags,
    String runbook,
    Duration suppression,
    Map<String, String> labels,
    List<RuleExample> tests,
    List<RuleCondition> conditions,
    List<String> allow,
    List<String> supersedes,
    Alarm alarm) {

  /** Normalises absent collections to empty ones. */
  public Rule {
    logGroups = logGroups == null ? List.of() : List.copyOf(logGroups);
    groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
    tags = tags == null ? List.of() : List.copyOf(tags);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    tests = tests == null ? List.of() : List.copyOf(tests);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    allow = allow == null ? List.of() : List.copyOf(allow);
    supersedes = supersedes == null ? List.of() : List.copyOf(supersedes);
  }

  /** The topic a rule reads. */
  public enum Source {
    LOGS,
    CLOUDTRAIL;

    /** The lowercase name used in rule files. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a rule turns matching events into alerts. */
  public enum Kind {
    MATCH,
    RATE,
    THRESHOLD;

    /** The lowercase name used in rule files. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * An inline test: {@code event} is a log message (a string, or an object with {@code message} and
   * optionally {@code log_group}, {@code log_stream}) for logs rules, or the CloudTrail event JSON
   * for cloudtrail rules; {@code fires} says whether the rule must fire on it. For a rate rule
   * {@code fires} means "counts in the numerator" and {@code denominator} (optional) whether it
   * counts in the denominator; for a threshold rule {@code fires} means "contributes a value" and
   * {@code value} (optional) is the value it must contribute.
   */
  public record RuleExample(
      String name, JsonNode event, boolean fires, Boolean denominator, Double value) {}
}
