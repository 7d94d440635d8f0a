package io.tocsin.notify.retry;

import io.tocsin.config.RetrySettings;
import io.tocsin.model.DeliveryReceipt.Outcome;
import io.tocsin.notify.DeliveryResult;
import io.tocsin.notify.Notification;
import io.tocsin.notify.Notifier;
import io.tocsin.notify.NotifyMetrics;
import io.tocsin.notify.Receipts;
import io.tocsin.notify.Recorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry stage: sends a notification, backs off (exponentially, with jitter, or as long as the
 * sink's Retry-After asks) and tries again on retryable failures until the sink accepts, rejects it
 * for good, or the time budget ({@code max_elapsed}) is spent. Every attempt's outcome is recorded
 * as a receipt and counted.
 */
public final class RetryingDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(RetryingDelivery.class);

  /** How a delivery ended. */
  public enum Ending {
    /** The sink accepted it. */
    DELIVERED,
    /** The sink rejected it for good: dead-letter it. */
    REJECTED,
    /** The budget ran out on retryable failures: deliver it again later. */
    EXHAUSTED,
    /** The service is stopping: deliver it again after the restart. */
    INTERRUPTED
  }

  /** The ending, the last result and how many attempts were made in total. */
  public record Attempts(Ending ending, DeliveryResult last, int attempts) {}

  private final RetrySettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final Recorder recorder;
  private final NotifyMetrics metrics;

  /**
   * A retry stage with {@code settings}, timing by {@code clock} and waiting by {@code sleeper}.
   */
  public RetryingDelivery(
      RetrySettings settings,
      Clock clock,
      Sleeper sleeper,
      RandomGenerator random,
      Recorder recorder,
      NotifyMetrics metrics) {
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
    this.recorder = recorder;
    this.metrics = metrics;
  }

  /**
   * Delivers {@code n} through {@code notifier}; {@code earlierAttempts} continues the attempt
   * numbering of a change that exhausted its budget before.
   */
  public Attempts deliver(Notifier notifier, Notification n, int earlierAttempts) {
    String sink = notifier.sink();
    Instant deadline = clock.instant().plus(settings.maxElapsed());
    int attempt = earlierAttempts;
    while (true) {
      attempt++;
      DeliveryResult result = notifier.send(n);
      Instant now = clock.instant();
      if (result.delivered()) {
        recorder.receipt(Receipts.attempt(n, sink, attempt, Outcome.DELIVERED, result, now));
        metrics.sent(sink, n.receiver());
        metrics.latency(sink, Receipts.latency(n.alert(), now));
        return new Attempts(Ending.DELIVERED, result, attempt);
      }
      if (!result.retryable()) {
        recorder.receipt(Receipts.attempt(n, sink, attempt, Outcome.FAILED, result, now));
        metrics.failed(sink, n.receiver(), "rejected");
        return new Attempts(Ending.REJECTED, result, attempt);
      }
      Duration wait = backoff(attempt - earlierAttempts, result.retryAfter());
      if (Thread.currentThread().isInterrupted() || now.plus(wait).isAfter(deadline)) {
        return giveUp(n, sink, attempt, result, now);
      }
      recorder.receipt(Receipts.attempt(n, sink, attempt, Outcome.RETRYING, result, now));
      metrics.retried(sink);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Attempts(Ending.INTERRUPTED, result, attempt);
      }
    }
  }

  /**
   * The wait after failed attempt number {@code attempt} (1-based): the sink's Retry-After when it
   * gave one, else exponential back-off (the base doubles up to {@code max_backoff}) with jitter in
   * the upper half of the base, so instances retrying together spread out.
   */
  private Duration backoff(int attempt, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }
    long initial = settings.initialBackoff().toMillis();
    long max = settings.maxBackoff().toMillis();
    long base = Math.min(max, initial << Math.min(attempt - 1, 30));
    long half = base / 2;
    return Duration.ofMillis(half + random.nextLong(base - half + 1));
  }

  private Attempts giveUp(
      Notification n, String sink, int attempt, DeliveryResult result, Instant now) {
    if (Thread.currentThread().isInterrupted()) {
      return new Attempts(Ending.INTERRUPTED, result, attempt);
    }
    recorder.receipt(Receipts.attempt(n, sink, attempt, Outcome.FAILED, result, now));
    metrics.failed(sink, n.receiver(), "exhausted");
    LOG.warn(
        "{} {} of alert {} to receiver {}: still failing after {} attempts within {} ({}); "
            + "it stays uncommitted and is tried again later",
        sink,
        n.kind().label(),
        n.alert().id(),
        n.receiver(),
        attempt,
        settings.maxElapsed(),
        result.error());
    return new Attempts(Ending.EXHAUSTED, result, attempt);
  }
}
