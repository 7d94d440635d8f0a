package io.tocsin.notify;

import java.time.Duration;

/**
 * What one send to a sink came to: delivered, a failure worth retrying (with the sink's Retry-After
 * hint when it gave one), or a permanent failure that retrying cannot fix.
 *
 * @param kind delivered, retryable or permanent
 * @param status the HTTP status, or {@code null} when no response arrived
 * @param error the sink's error code and message (for PagerDuty, its error body), or {@code null}
 * @param retryAfter how long the sink asked us to wait, or {@code null}
 * @param reference the sink's id for an accepted message (SNS MessageId, PagerDuty dedup_key)
 */
public record DeliveryResult(
    Kind kind, Integer status, String error, Duration retryAfter, String reference) {

  /** The three ways a send can end. */
  public enum Kind {
    DELIVERED,
    RETRYABLE,
    PERMANENT
  }

  /** The sink accepted the notification. */
  public static DeliveryResult delivered(Integer status, String reference) {
    return new DeliveryResult(Kind.DELIVERED, status, null, null, reference);
  }

  /**
   * A failure that may succeed later (429, 5xx, throttling, I/O); {@code retryAfter} may be null.
   */
  public static DeliveryResult retryable(Integer status, String error, Duration retryAfter) {
    return new DeliveryResult(Kind.RETRYABLE, status, error, retryAfter, null);
  }

  /** A failure that retrying cannot fix (a rejected request, a missing topic, no permission). */
  public static DeliveryResult permanent(Integer status, String error) {
    return new DeliveryResult(Kind.PERMANENT, status, error, null, null);
  }

  /** Whether the sink accepted the notification. */
  public boolean delivered() {
    return kind == Kind.DELIVERED;
  }

  /** Whether another attempt may succeed. */
  public boolean retryable() {
    return kind == Kind.RETRYABLE;
  }
}
