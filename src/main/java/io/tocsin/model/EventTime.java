package io.tocsin.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Reads event times: ISO-8601 with a zone ({@code 2019-01-01T00:00:00Z}, any fraction, an offset)
 * or CloudTrail-lake style {@code 2022-09-15 13:45:24[.fff…][Z]}, read as UTC. The form CloudTrail
 * writes, {@code yyyy-MM-ddTHH:mm:ssZ}, is read directly: the general parser costs about as much as
 * the rest of mapping an event.
 */
public final class EventTime {

  private static final DateTimeFormatter GENERAL =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffsetId()
          .toFormatter();

  /** Where the digits of {@code yyyy-MM-ddTHH:mm:ss} are. */
  private static final String DATE_TIME = "0000-00-00T00:00:00";

  /** Most digits of a fraction of a second: nanoseconds. */
  private static final int MAX_FRACTION = 9;

  private EventTime() {}

  /** The instant {@code text} names. */
  public static Instant parse(String text) throws DateTimeParseException {
    Instant cloudTrail = cloudTrailForm(text);
    return cloudTrail != null ? cloudTrail : general(text);
  }

  /** Any of the accepted forms, through {@link DateTimeFormatter}. */
  static Instant general(String text) throws DateTimeParseException {
    String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.replaceFirst(" ", "T") : text;
    TemporalAccessor parsed = GENERAL.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
    return parsed instanceof OffsetDateTime odt
        ? odt.toInstant()
        : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
  }

  /**
   * {@code text} in exactly CloudTrail's form with every field in range, or null, leaving anything
   * else (including what the general parser would adjust or reject) to {@link #general}.
   */
  private static Instant cloudTrailForm(String text) {
    int fractionDigits = text.length() - DATE_TIME.length() - 2;
    boolean fraction = fractionDigits >= 1 && fractionDigits <= MAX_FRACTION;
    if (!(text.length() == DATE_TIME.length() + 1 || fraction)
        || !shaped(text)
        || text.charAt(text.length() - 1) != 'Z') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (month < 1
        || month > 12
        || day < 1
        || day > YearMonth.of(year, month).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (fraction) {
      nanos = digits(text, DATE_TIME.length() + 1, fractionDigits);
      for (int i = fractionDigits; i < MAX_FRACTION; i++) {
        nanos *= 10;
      }
    }
    return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
        .toInstant(ZoneOffset.UTC);
  }

  /** Whether {@code text} starts like {@link #DATE_TIME} and has digits after it up to the Z. */
  private static boolean shaped(String text) {
    for (int i = 0; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      char expected =
          i < DATE_TIME.length() ? DATE_TIME.charAt(i) : i == DATE_TIME.length() ? '.' : '0';
      if (expected == '0' ? c < '0' || c > '9' : c != expected) {
        return false;
      }
    }
    return true;
  }

  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }
}
