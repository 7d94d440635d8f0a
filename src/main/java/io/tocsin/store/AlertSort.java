package io.tocsin.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The orders an alert list can be sorted in. Every order ends with the fingerprint, so it is total
 * and a cursor names one exact position in it.
 */
public enum AlertSort {
  /**
   * What needs attention first (the default): firing before resolved, then most severe, then the
   * longest firing (a resolved alert: the latest resolved).
   */
  STATUS(
      Comparator.comparing(AlertCursor::status)
          .thenComparing(AlertCursor::severity)
          .thenComparingLong(AlertCursor::age)),
  /** Most recently changed first. */
  NEWEST(Comparator.comparing(AlertCursor::updatedAt).reversed()),
  /** Least recently changed first. */
  OLDEST(Comparator.comparing(AlertCursor::updatedAt)),
  /** Most severe first, then newest. */
  SEVERITY(
      Comparator.comparing(AlertCursor::severity)
          .thenComparing(AlertCursor::updatedAt, Comparator.reverseOrder())),
  /** Most matching events first, then newest. */
  COUNT(
      Comparator.comparingLong(AlertCursor::count)
          .reversed()
          .thenComparing(AlertCursor::updatedAt, Comparator.reverseOrder()));

  private final Comparator<AlertCursor> order;

  AlertSort(Comparator<AlertCursor> primary) {
    this.order = primary.thenComparing(AlertCursor::fingerprint);
  }

  /** The total order over alert positions. */
  public Comparator<AlertCursor> order() {
    return order;
  }

  /** The lowercase name used in queries. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a label; the exception names the accepted ones. */
  @JsonCreator
  public static AlertSort of(String label) {
    for (AlertSort sort : values()) {
      if (sort.label().equals(label)) {
        return sort;
      }
    }
    throw new IllegalArgumentException("sort must be one of " + labels() + ", got '" + label + "'");
  }

  /** The accepted labels, comma-separated. */
  public static String labels() {
    return Arrays.stream(values()).map(AlertSort::label).collect(Collectors.joining(", "));
  }
}
