package io.tocsin.app;

import io.tocsin.app.cli.TerminalText;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.topics.Topics;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints every alert state change committed to {@code tocsin.alerts.v1} from now on, one line each,
 * and counts them: what {@code tocsin local} shows a user.
 */
final class AlertConsole implements AutoCloseable {

  private final TopicTail<Alert> tail;
  private final PrintStream out;
  private final long startNanos;
  private final AtomicLong firing = new AtomicLong();
  private final AtomicLong resolved = new AtomicLong();
  private volatile long firstAlertMillis = -1;

  /**
   * A console reading with {@code consumerProperties} (read_committed), printing to {@code out}.
   */
  AlertConsole(Map<String, Object> consumerProperties, PrintStream out, long startNanos) {
    this.tail = new TopicTail<>(consumerProperties, Topics.ALERTS, this::print, "alert-console");
    this.out = out;
    this.startNanos = startNanos;
  }

  /** Starts at the end of the topic: only alerts raised from now on are shown. */
  void start() {
    tail.start();
  }

  long firing() {
    return firing.get();
  }

  long resolved() {
    return resolved.get();
  }

  /** Milliseconds from start to the first alert printed, or -1 before it. */
  long firstAlertMillis() {
    return firstAlertMillis;
  }

  private void print(Alert alert) {
    if (firstAlertMillis < 0) {
      firstAlertMillis = (System.nanoTime() - startNanos) / 1_000_000;
      out.printf("first alert %d ms after start%n", firstAlertMillis);
    }
    (alert.status() == AlertStatus.FIRING ? firing : resolved).incrementAndGet();
    out.println(
        TerminalText.safe(
            String.format(
                "%-8s %-8s %-32s %s (%d event%s)",
                alert.status().label().toUpperCase(java.util.Locale.ROOT),
                alert.rule().severity().label(),
                alert.rule().id(),
                alert.title(),
                alert.count(),
                alert.count() == 1 ? "" : "s")));
  }

  @Override
  public void close() {
    tail.close();
  }
}
