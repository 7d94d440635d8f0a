package io.tocsin.model;

import java.time.Instant;

/**
 * One delivery attempt's outcome, on {@code tocsin.deliveries.v1} (key: the alert fingerprint).
 *
 * @param alertId the {@link Alert#id()} of the state change delivered
 * @param fingerprint the alert fingerprint
 * @param receiver the configured receiver name
 * @param sink {@code pagerduty} or {@code sns}
 * @param attempt 1 for the first attempt; 0 when nothing was sent (silenced, grouped, throttled)
 * @param outcome what happened
 * @param status the HTTP status, or {@code null} when no response arrived
 * @param error the sink's error code and message, or {@code null}
 * @param latencyMillis time from the alert's {@code updatedAt} to the outcome
 * @param at when the outcome was recorded
 * @param kind {@code trigger}, {@code resolve} or {@code summary} (a group's folded changes);
 *     {@code null} when nothing was sent
 * @param dedupKey the idempotency key the sink saw (PagerDuty {@code dedup_key}, SNS FIFO
 *     deduplication id), or {@code null}
 * @param reference the sink's id for the accepted message (SNS MessageId, PagerDuty dedup_key), or
 *     {@code null}
 * @param silenceId for {@link Outcome#SILENCED}, the silence that matched; else {@code null}
 */
public record DeliveryReceipt(
    String alertId,
    String fingerprint,
    String receiver,
    String sink,
    int attempt,
    Outcome outcome,
    Integer status,
    String error,
    long latencyMillis,
    Instant at,
    String kind,
    String dedupKey,
    String reference,
    String silenceId) {

  /** A receipt without the optional delivery details; keeps the original ten-field form working. */
  public DeliveryReceipt(
      String alertId,
      String fingerprint,
      String receiver,
      String sink,
      int attempt,
      Outcome outcome,
      Integer status,
      String error,
      long latencyMillis,
      Instant at) {
    this(
        alertId,
        fingerprint,
        receiver,
        sink,
        attempt,
        outcome,
        status,
        error,
        latencyMillis,
        at,
        null,
        null,
        null,
        null);
  }

  /** The result of one attempt. */
  public enum Outcome {
    /** The sink accepted the notification. */
    DELIVERED,
    /** A retryable failure; another attempt follows after a back-off. */
    RETRYING,
    /** A permanent failure (dead-lettered) or the retry budget ran out (delivered again later). */
    FAILED,
    /** A silence matched; not sent. */
    SILENCED,
    /** Over the receiver's per-minute cap; counted in its group's summary instead. */
    THROTTLED,
    /** Folded into the summary of an already notified group. */
    GROUPED
  }
}
