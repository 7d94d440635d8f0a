package io.tocsin.notify;

import io.tocsin.model.Alert;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.model.DeliveryReceipt.Outcome;
import java.time.Duration;
import java.time.Instant;

/** Builds delivery receipts, with the latency measured from the alert's {@code updatedAt}. */
public final class Receipts {

  private Receipts() {}

  /** The outcome of attempt number {@code attempt} to send {@code n}. */
  public static DeliveryReceipt attempt(
      Notification n, String sink, int attempt, Outcome outcome, DeliveryResult r, Instant at) {
    return new DeliveryReceipt(
        n.alert().id(),
        n.alert().fingerprint(),
        n.receiver(),
        sink,
        attempt,
        outcome,
        r.status(),
        r.error(),
        latencyMillis(n.alert(), at),
        at,
        n.kind().label(),
        n.dedupKey(),
        r.reference(),
        null);
  }

  /** A change held back without an attempt: silenced (by {@code silenceId}), grouped, throttled. */
  public static DeliveryReceipt held(
      String receiver, String sink, Alert alert, Outcome outcome, String silenceId, Instant at) {
    return new DeliveryReceipt(
        alert.id(),
        alert.fingerprint(),
        receiver,
        sink,
        0,
        outcome,
        null,
        null,
        latencyMillis(alert, at),
        at,
        null,
        null,
        null,
        silenceId);
  }

  /** Time from {@code alert}'s update to {@code at}. */
  public static Duration latency(Alert alert, Instant at) {
    return alert.updatedAt() == null ? Duration.ZERO : Duration.between(alert.updatedAt(), at);
  }

  private static long latencyMillis(Alert alert, Instant at) {
    return Math.max(0, latency(alert, at).toMillis());
  }
}
