package io.tocsin.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The state an alert changed to. */
public enum AlertStatus {
  FIRING,
  RESOLVED;

  /** The lowercase name used on the wire. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
