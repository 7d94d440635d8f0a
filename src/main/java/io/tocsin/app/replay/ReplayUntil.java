package io.tocsin.app.replay;

import io.tocsin.config.ConfigException;
import io.tocsin.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How far past its last record a replay runs the clock, so that final periods are evaluated and
 * alarms resolve after traffic stops: to a fixed time, or the last event time plus a duration.
 *
 * @param at a fixed end, or {@code null}
 * @param afterEnd how far past the last event time when {@code at} is {@code null}
 */
public record ReplayUntil(Instant at, Duration afterEnd) {

  private static final String END = "end";

  /** The last event time plus {@code quiet}. */
  public static ReplayUntil afterEnd(Duration quiet) {
    return new ReplayUntil(null, quiet);
  }

  /**
   * Parses {@code TIME} (ISO-8601, e.g. {@code 2026-11-26T10:15:00Z}), {@code end} or {@code
   * end+PERIOD} (e.g. {@code end+10m}); the message of the exception names what was expected.
   */
  public static ReplayUntil parse(String text) {
    String t = text.trim();
    if (t.equals(END)) {
      return afterEnd(Duration.ZERO);
    }
    if (t.startsWith(END + "+")) {
      try {
        return afterEnd(Durations.parse("--until", t.substring(END.length() + 1)));
      } catch (ConfigException e) {
        throw new IllegalArgumentException(
            "--until: expected end+PERIOD such as end+10m, got '" + text + "'", e);
      }
    }
    try {
      return new ReplayUntil(Instant.parse(t), null);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--until: expected a time such as 2026-11-26T10:15:00Z, end or end+PERIOD such as"
              + " end+10m, got '"
              + text
              + "'",
          e);
    }
  }

  /** The time to run the clock to, after a replay whose last event time was {@code lastEvent}. */
  public Instant after(Instant lastEvent) {
    return at != null ? at : lastEvent.plus(afterEnd);
  }

  @Override
  public String toString() {
    return at != null ? at.toString() : END + "+" + Durations.format(afterEnd);
  }
}
