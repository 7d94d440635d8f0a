package io.tocsin.app.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Progress of a long replay on stderr: every {@code every} of wall-clock time, the files read of
 * all, the events decoded and the rate since the start, e.g. {@code [ 10s] files 3/40, events
 * 1,204,331 (120,433/s)}.
 */
public final class ReplayProgress {

  /** No progress lines. */
  static final ReplayProgress NONE = new ReplayProgress(null, Duration.ofDays(1), System::nanoTime);

  private final PrintWriter err;
  private final long everyNanos;
  private final LongSupplier nanoTime;
  private long started = -1;
  private long lastPrinted;

  /** Progress printed to {@code err} every {@code every}, timed by {@code nanoTime}. */
  public ReplayProgress(PrintWriter err, Duration every, LongSupplier nanoTime) {
    this.err = err;
    this.everyNanos = every.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Notes that {@code filesRead} of {@code files} are done; prints when a period has passed. */
  void update(int filesRead, int files, ReplaySummary summary) {
    long now = nanoTime.getAsLong();
    if (started < 0) {
      started = now;
      lastPrinted = now;
      return;
    }
    if (err == null || now - lastPrinted < everyNanos) {
      return;
    }
    lastPrinted = now;
    double seconds = (now - started) / 1e9;
    long events = summary.logEvents() + summary.cloudTrailEvents();
    err.printf(
        "[%4.0fs] files %d/%d, events %,d (%,.0f/s)%n",
        seconds, filesRead, files, events, seconds > 0 ? events / seconds : 0);
    err.flush();
  }
}
