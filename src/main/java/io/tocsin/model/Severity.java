package io.tocsin.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How urgent an alert is; ordered from most to least severe. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO;

  /** The lowercase name used in rule files, JSON and metrics tags. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a lowercase or uppercase label; throws {@link IllegalArgumentException} otherwise. */
  public static Severity of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
