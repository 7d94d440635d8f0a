package io.tocsin.notify.group;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** A sliding one-minute window that admits at most a fixed number of notifications. */
final class RateWindow {

  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final int limit;
  private final Deque<Instant> admitted = new ArrayDeque<>();

  RateWindow(int limit) {
    this.limit = limit;
  }

  /** Admits one notification at {@code now} if fewer than the limit went out in the last minute. */
  boolean tryAcquire(Instant now) {
    Instant horizon = now.minus(WINDOW);
    while (!admitted.isEmpty() && !admitted.peekFirst().isAfter(horizon)) {
      admitted.removeFirst();
    }
    if (admitted.size() >= limit) {
      return false;
    }
    admitted.addLast(now);
    return true;
  }
}
