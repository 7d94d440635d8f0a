package io.tocsin.notify;

/**
 * One sink integration (PagerDuty, SNS): sends a notification and says whether a failure is worth
 * retrying. Implementations never throw for sink errors; they describe them in the result.
 */
public interface Notifier extends AutoCloseable {

  /** The sink name used in receipts and metric tags: {@code pagerduty} or {@code sns}. */
  String sink();

  /** Sends {@code notification} once (no retries: the caller owns back-off and its budget). */
  DeliveryResult send(Notification notification);

  /** Releases the sink's client; the default has nothing to release. */
  @Override
  default void close() {}
}
