package io.tocsin.ingest.decode;

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
final class EventTime {

  private static final DateTimeFormatter GENERAL =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffsetId()
          .toFormatter();

  /** Where the digits of {@code yyyy-MM-ddTHH:mm:ssZ} are. */
  private static final String CLOUDTRAIL_FORM = "0000-00-00T00:00:00Z";

  private EventTime() {}

  /** The instant {@code text} names. */
  static Instant parse(String text) throws DateTimeParseException {
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
    if (text.length() != CLOUDTRAIL_FORM.length()) {
      return null;
    }
    for (int i = 0; i < CLOUDTRAIL_FORM.length(); i++) {
      char expected = CLOUDTRAIL_FORM.charAt(i);
      char c = text.charAt(i);
      if (expected == '0' ? c < '0' || c > '9' : c != expected) {
        return null;
      }
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
    return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
  }

  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }
}
