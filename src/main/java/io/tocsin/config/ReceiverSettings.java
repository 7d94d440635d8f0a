package io.tocsin.config;

import java.time.Duration;
import java.util.List;

/**
 * A named destination for alert changes and its storm control (an item of {@code
 * notify.receivers:}). A receiver with neither {@code pagerduty} nor {@code sns} delivers nowhere:
 * routes use it to drop alerts on purpose.
 *
 * @param name how routes refer to it; letters, digits, '.', '_' or '-'; required
 * @param pagerduty deliver to PagerDuty; default none
 * @param sns deliver to Amazon SNS; default none
 * @param groupBy labels (see {@code AlertLabels}: rule, severity, account, region, log_group, any
 *     rule label…) whose values form a group; the first firing change of a group goes out at once,
 *     later ones within {@code group_interval} are folded into one summary with a count; the single
 *     value {@code ...} makes every alert (fingerprint) its own group; default [rule, account]
 * @param groupInterval how long a group folds firing changes after its first; default 5m
 * @param maxPerMinute most firing notifications in any minute; the excess is recorded as throttled
 *     and counted in its group's summary (summaries and resolves are not capped); default 20
 */
public record ReceiverSettings(
    String name,
    PagerDutySettings pagerduty,
    SnsSettings sns,
    List<String> groupBy,
    Duration groupInterval,
    Integer maxPerMinute) {

  /** The {@code group_by} value that makes each alert its own group. */
  public static final String EACH_ALERT = "...";

  /** Fills absent fields with their defaults and validates each. */
  public ReceiverSettings {
    groupBy = groupBy == null ? List.of("rule", "account") : List.copyOf(groupBy);
    groupInterval = groupInterval == null ? Duration.ofMinutes(5) : groupInterval;
    maxPerMinute = maxPerMinute == null ? 20 : maxPerMinute;
    if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
      throw new ConfigException(
          "name", "expected letters, digits, '.', '_' or '-', got '" + name + "'");
    }
    if (pagerduty != null && sns != null) {
      throw new ConfigException(
          "sns", "a receiver has one sink: set pagerduty or sns, not both (add a second receiver)");
    }
    for (int i = 0; i < groupBy.size(); i++) {
      String label = groupBy.get(i);
      if (label == null
          || !(label.matches("[A-Za-z_][A-Za-z0-9_.-]*") || label.equals(EACH_ALERT))) {
        throw new ConfigException(
            "group_by." + i, "expected a label name or '" + EACH_ALERT + "', got '" + label + "'");
      }
    }
    if (groupBy.contains(EACH_ALERT) && groupBy.size() > 1) {
      throw new ConfigException(
          "group_by", "'" + EACH_ALERT + "' groups by alert already; list no other label with it");
    }
    if (groupInterval.toMillis() < 1 || groupInterval.compareTo(Duration.ofDays(1)) > 0) {
      throw new ConfigException(
          "group_interval",
          "expected a duration from 1ms to 1d, got " + Durations.format(groupInterval));
    }
    if (maxPerMinute < 1 || maxPerMinute > 10_000) {
      throw new ConfigException(
          "max_per_minute", "expected a whole number from 1 to 10000, got " + maxPerMinute);
    }
  }

  /** A receiver called {@code name} that delivers nowhere, with default storm control. */
  public static ReceiverSettings none(String name) {
    return new ReceiverSettings(name, null, null, null, null, null);
  }

  /** {@code pagerduty}, {@code sns}, or {@code none}. */
  public String sink() {
    return pagerduty != null ? "pagerduty" : sns != null ? "sns" : "none";
  }
}
