package io.tocsin.model;

import java.time.Instant;

/**
 * One delivery attempt's outcome, on {@code tocsin.deliveries.v1} (key: the alert fingerprint).
 *
 * @param alertId the {@link Alert#id()} of the state change delivered
 * @param fingerprint the alert fingerprint
 * @param receiver the configured receiver name
 * @param sink {@code pagerduty} or {@code sns}
 * @param attempt 1 for the first attempt
 * @param outcome what happened
 * @param status the HTTP status, or {@code null} when no response arrived
 * @param error the sink's error code and message, or {@code null}
 * @param latencyMillis time from the alert's {@code updatedAt} to the outcome
 * @param at when the outcome was recorded
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
    Instant at) {

  /** The result of one attempt. */
  public enum Outcome {
    DELIVERED,
    RETRYING,
    FAILED,
    SILENCED,
    THROTTLED
  }
}
