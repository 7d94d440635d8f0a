package io.tocsin.notify.retry;

import io.tocsin.config.RetrySettings;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter: the base doubles per attempt up to {@code max_backoff}; the
 * wait is a random point in its upper half, so instances retrying together spread out. A sink's
 * Retry-After wins when it gave one.
 */
final class Backoff {

  private final RetrySettings settings;
  private final RandomGenerator random;

  Backoff(RetrySettings settings, RandomGenerator random) {
    this.settings = settings;
    this.random = random;
  }

  /** The wait after failed attempt number {@code attempt} (1-based). */
  Duration delay(int attempt, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }
    long initial = settings.initialBackoff().toMillis();
    long max = settings.maxBackoff().toMillis();
    int doublings = Math.min(attempt - 1, 30);
    long base = Math.min(max, initial << doublings);
    long half = base / 2;
    return Duration.ofMillis(half + random.nextLong(base - half + 1));
  }
}
