package io.tocsin.emulators;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition of the emulators until it holds, every 50 ms, within a deadline. */
final class Waits {

  private static final long POLL_MILLIS = 50;

  private Waits() {}

  /** Returns once {@code condition} holds; throws naming {@code what} after {@code timeout}. */
  static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " did not happen within " + timeout);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting until " + what, e);
      }
    }
  }
}
