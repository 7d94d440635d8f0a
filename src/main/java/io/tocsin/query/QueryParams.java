package io.tocsin.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query string of one request, read strictly: an unknown parameter, a repeated single-valued
 * one or a malformed value is an {@link ApiException#badRequest} naming the parameter.
 */
final class QueryParams {

  private static final int MAX_VALUES = 50;

  private final Map<String, List<String>> params;

  /** Reads {@code params}, refusing names outside {@code known}. */
  QueryParams(Map<String, List<String>> params, Set<String> known) {
    this.params = params;
    for (String name : params.keySet()) {
      if (!known.contains(name)) {
        throw ApiException.badRequest(
            "unknown query parameter '"
                + name
                + "'; this endpoint accepts "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  /** Every value of {@code name}, repeated ({@code a=1&a=2}) or comma-separated ({@code a=1,2}). */
  List<String> values(String name) {
    List<String> values = new ArrayList<>();
    for (String raw : params.getOrDefault(name, List.of())) {
      for (String value : raw.split(",")) {
        if (!value.isBlank()) {
          values.add(value.strip());
        }
      }
    }
    if (values.size() > MAX_VALUES) {
      throw ApiException.badRequest(name + ": at most " + MAX_VALUES + " values");
    }
    return values;
  }

  /**
   * Every value of {@code name} (see {@link #values}), each required to be one of {@code allowed}.
   */
  List<String> values(String name, List<String> allowed) {
    List<String> values = values(name);
    for (String value : values) {
      if (!allowed.contains(value)) {
        throw ApiException.badRequest(
            name + ": expected one of " + String.join(", ", allowed) + ", got '" + value + "'");
      }
    }
    return values;
  }

  /** The one value of {@code name}, or {@code null} when absent or empty. */
  String single(String name) {
    List<String> raw = params.getOrDefault(name, List.of());
    if (raw.size() > 1) {
      throw ApiException.badRequest(name + ": give it once, got " + raw.size() + " values");
    }
    return raw.isEmpty() || raw.get(0).isBlank() ? null : raw.get(0).strip();
  }

  /**
   * An ISO-8601 time ({@code 2026-11-25T03:00:00Z}, with an offset, or a UTC date), or {@code null}
   * when absent.
   */
  Instant instant(String name) {
    String text = single(name);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException again) {
        throw ApiException.badRequest(
            name + ": expected an ISO-8601 time such as 2026-11-25T03:00:00Z, got '" + text + "'");
      }
    }
  }

  /** A whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
  int integer(String name, int min, int max, int fallback) {
    String text = single(name);
    if (text == null) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": expected a whole number, got '" + text + "'");
    }
    if (value < min || value > max) {
      throw ApiException.badRequest(
          name + ": expected a whole number from " + min + " to " + max + ", got " + value);
    }
    return value;
  }

  /** {@code true} or {@code false}, or {@code fallback} when absent. */
  boolean bool(String name, boolean fallback) {
    String text = single(name);
    if (text == null) {
      return fallback;
    }
    if (!text.equals("true") && !text.equals("false")) {
      throw ApiException.badRequest(name + ": expected true or false, got '" + text + "'");
    }
    return Boolean.parseBoolean(text);
  }
}
