package io.tocsin.notify.retry;

import java.time.Duration;

/** How the retry stage waits between attempts; tests substitute one that advances a clock. */
@FunctionalInterface
public interface Sleeper {

  /** Waits {@code duration}; an interrupt (service shutdown) ends the wait early. */
  void sleep(Duration duration) throws InterruptedException;

  /** Waits on the current thread. */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
