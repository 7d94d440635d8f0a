package io.tocsin.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Locale;

/**
 * The {@code alarm:} block of a rate or threshold rule: what is measured per group and when it
 * alarms, with CloudWatch-alarm semantics. Fields left out are filled by {@link #withDefaults()}.
 *
 * @param denominator rate: the filter pattern of the events the rule's pattern is a share of (e.g.
 *     every {@code REPORT} line); {@code ""} = every event in scope
 * @param minDenominator rate: fewest denominator events, threshold: fewest values a window or
 *     period needs to count at all (no page on 1 failure of 2 calls); default 1
 * @param value threshold: the metric value of each matching event ({@code $.latency}, {@code
 *     $status}, {@code $7} or a number); default {@code 1}
 * @param statistic threshold: count, sum, avg, min, max, p90, p95 or p99
 * @param comparison how the ratio or statistic is compared with the threshold; default {@code >}
 * @param threshold rate: a ratio (0.05 = 5 %); threshold: in the value's unit
 * @param mode {@code sliding} (default) or {@code periodic} (CloudWatch-alarm compatible)
 * @param period sliding: the trailing window; periodic: the aligned period of one datapoint;
 *     default 1m
 * @param holdFor sliding ({@code for}): how long the condition must hold before firing; default 0s
 * @param resolveFor sliding: how long the condition must not hold before resolving; default 0s
 * @param evaluationPeriods periodic: N, the datapoints evaluated; default 1
 * @param datapointsToAlarm periodic: M of N breaching datapoints raise the alarm; default N
 * @param missingData periodic: how missing datapoints count; default {@code missing}
 * @param grace how much older than its group's clock an event may be and still count (periodic: a
 *     period is evaluated once the clock is this far past its end); default 30s
 */
public record Alarm(
    String denominator,
    Integer minDenominator,
    String value,
    Statistic statistic,
    Comparison comparison,
    Double threshold,
    Mode mode,
    Duration period,
    @JsonProperty("for") Duration holdFor,
    Duration resolveFor,
    Integer evaluationPeriods,
    Integer datapointsToAlarm,
    MissingData missingData,
    Duration grace) {

  /** This block with every absent field set to its documented default. */
  public Alarm withDefaults() {
    int n = evaluationPeriods == null ? 1 : evaluationPeriods;
    return new Alarm(
        denominator,
        minDenominator == null ? 1 : minDenominator,
        value == null ? "1" : value,
        statistic,
        comparison == null ? Comparison.GT : comparison,
        threshold,
        mode == null ? Mode.SLIDING : mode,
        period == null ? Duration.ofMinutes(1) : period,
        holdFor == null ? Duration.ZERO : holdFor,
        resolveFor == null ? Duration.ZERO : resolveFor,
        n,
        datapointsToAlarm == null ? n : datapointsToAlarm,
        missingData == null ? MissingData.MISSING : missingData,
        grace == null ? Duration.ofSeconds(30) : grace);
  }

  /** How the alarm is evaluated. */
  public enum Mode {
    /** The statistic over the trailing period, on every event and every wall-clock second. */
    SLIDING,
    /** One datapoint per aligned period; M of the last N datapoints breaching raise the alarm. */
    PERIODIC;

    /** The lowercase name used in rule files and alerts. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The statistic a threshold rule compares. */
  public enum Statistic {
    COUNT,
    SUM,
    AVG,
    MIN,
    MAX,
    P90,
    P95,
    P99;

    /** The lowercase name used in rule files and alerts. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The quantile of a percentile statistic (0.99 for p99), or 0 for the others. */
    public double quantile() {
      return name().startsWith("P") ? Integer.parseInt(name().substring(1)) / 100.0 : 0;
    }
  }

  /** The comparison of the observed figure with the threshold. */
  public enum Comparison {
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<=");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written in rule files and alerts. */
    @JsonValue
    public String symbol() {
      return symbol;
    }

    /** Whether {@code observed} breaches {@code threshold}. */
    public boolean breaches(double observed, double threshold) {
      return switch (this) {
        case GT -> observed > threshold;
        case GE -> observed >= threshold;
        case LT -> observed < threshold;
        case LE -> observed <= threshold;
      };
    }
  }

  /** How a periodic alarm counts a period without a datapoint (CloudWatch's TreatMissingData). */
  public enum MissingData {
    /** Not counted; no real datapoint in the evaluation range = INSUFFICIENT_DATA. */
    MISSING("missing"),
    /** Not counted; no real datapoint in the evaluation range keeps the current state. */
    IGNORE("ignore"),
    /** Counted as breaching. */
    BREACHING("breaching"),
    /** Counted as not breaching. */
    NOT_BREACHING("notBreaching");

    private final String label;

    MissingData(String label) {
      this.label = label;
    }

    /** The name used in rule files (CloudWatch's spelling). */
    @JsonValue
    public String label() {
      return label;
    }
  }
}
