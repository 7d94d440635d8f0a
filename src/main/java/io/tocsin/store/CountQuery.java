package io.tocsin.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Which incidents to count: those opened (a firing state change) from {@code from} inclusive to
 * {@code to} exclusive, grouped {@code by} rule, severity or hour.
 *
 * @param by the grouping
 * @param from the start of the range
 * @param to the end of the range, after {@code from}
 */
public record CountQuery(By by, Instant from, Instant to) {

  /** The longest range counted by hour (one bucket per hour). */
  public static final Duration MAX_HOURLY_RANGE = Duration.ofDays(366);

  /** Requires a grouping and a non-empty range. */
  public CountQuery {
    if (by == null) {
      throw new IllegalArgumentException("by is required: rule, severity or hour");
    }
    if (from == null || to == null || !to.isAfter(from)) {
      throw new IllegalArgumentException("the range needs from before to");
    }
    if (by == By.HOUR && Duration.between(from, to).compareTo(MAX_HOURLY_RANGE) > 0) {
      throw new IllegalArgumentException("counts by hour cover at most 366 days; narrow from/to");
    }
  }

  /** How counts are grouped. */
  public enum By {
    RULE,
    SEVERITY,
    HOUR;

    /** The lowercase name used in queries. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a label; the exception names the accepted ones. */
    @JsonCreator
    public static By of(String label) {
      for (By by : values()) {
        if (by.label().equals(label)) {
          return by;
        }
      }
      throw new IllegalArgumentException("by must be rule, severity or hour, got '" + label + "'");
    }
  }
}
