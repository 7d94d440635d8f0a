package io.tocsin.config;

import java.time.Duration;

/**
 * How delivery retries a sink that failed with a retryable error ({@code notify.retry:}).
 *
 * @param initialBackoff wait before the second attempt; doubles per attempt, with jitter; default
 *     500ms
 * @param maxBackoff the longest wait between two attempts, and how long a receiver that exhausted
 *     its budget rests before its alert changes are tried again; default 30s
 * @param maxElapsed the total time one alert change may spend retrying one receiver; after that the
 *     failure is recorded and the change's offset is not committed, so it is delivered again later
 *     (also after a restart); default 2m
 */
public record RetrySettings(Duration initialBackoff, Duration maxBackoff, Duration maxElapsed) {

  /** The defaults, as documented on each field. */
  public static RetrySettings defaults() {
    return new RetrySettings(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2));
  }

  /** Fills absent fields with their defaults and checks that the three durations are ordered. */
  public RetrySettings {
    initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
    maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
    maxElapsed = maxElapsed == null ? Duration.ofMinutes(2) : maxElapsed;
    if (initialBackoff.toMillis() < 1 || initialBackoff.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new ConfigException(
          "initial_backoff",
          "expected a duration from 1ms to 1m, got " + Durations.format(initialBackoff));
    }
    if (maxBackoff.compareTo(initialBackoff) < 0 || maxBackoff.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigException(
          "max_backoff",
          "expected a duration from initial_backoff ("
              + Durations.format(initialBackoff)
              + ") to 1h, got "
              + Durations.format(maxBackoff));
    }
    if (maxElapsed.compareTo(initialBackoff) < 0 || maxElapsed.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigException(
          "max_elapsed",
          "expected a duration from initial_backoff ("
              + Durations.format(initialBackoff)
              + ") to 1h, got "
              + Durations.format(maxElapsed));
    }
  }
}
