package io.tocsin.store;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.Json;
import io.tocsin.model.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A position in a sorted alert list: the sort keys of the last alert of a page. The next page holds
 * the alerts after it, so pages stay consistent when they are merged from several instances. Sent
 * to clients as an opaque URL-safe string.
 *
 * @param sort the order the position belongs to
 * @param updatedAt the alert's last state change
 * @param severity its severity
 * @param count its matching-event count
 * @param fingerprint its fingerprint (the final tie-breaker)
 * @param status firing or resolved
 * @param startsAt when its incident started ({@code updatedAt} when unknown)
 */
public record AlertCursor(
    AlertSort sort,
    Instant updatedAt,
    Severity severity,
    long count,
    String fingerprint,
    AlertStatus status,
    Instant startsAt) {

  /** Requires every sort key. */
  public AlertCursor {
    if (sort == null
        || updatedAt == null
        || severity == null
        || fingerprint == null
        || status == null
        || startsAt == null) {
      throw new IllegalArgumentException("cursor is incomplete");
    }
  }

  /** The position of {@code alert} in {@code sort}. */
  public static AlertCursor of(AlertSort sort, Alert alert) {
    return new AlertCursor(
        sort,
        alert.updatedAt(),
        alert.rule().severity(),
        alert.count(),
        alert.fingerprint(),
        alert.status(),
        alert.startsAt() != null ? alert.startsAt() : alert.updatedAt());
  }

  /**
   * How long the alert has been in its state, as a key where smaller sorts first: a firing alert by
   * its start (oldest first), a resolved one by its last change (latest first).
   */
  long age() {
    return status == AlertStatus.FIRING ? startsAt.toEpochMilli() : -updatedAt.toEpochMilli();
  }

  /** Whether {@code alert} comes strictly after this position. */
  public boolean precedes(Alert alert) {
    return sort.order().compare(this, of(sort, alert)) < 0;
  }

  /** The opaque form handed to clients. */
  public String encode() {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(Json.MAPPER.writeValueAsBytes(this));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode cursor", e);
    }
  }

  /**
   * Parses the opaque form.
   *
   * @throws IllegalArgumentException when {@code text} is not a cursor this API issued
   */
  public static AlertCursor decode(String text) {
    try {
      byte[] json = Base64.getUrlDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
      AlertCursor cursor = Json.MAPPER.readValue(json, AlertCursor.class);
      if (cursor == null) {
        throw new IllegalArgumentException("empty");
      }
      return cursor;
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cursor is not valid: pass the 'next' value of the previous page unchanged", e);
    }
  }
}
