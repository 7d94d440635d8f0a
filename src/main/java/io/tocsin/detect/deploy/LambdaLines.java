package io.tocsin.detect.deploy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tallies a log group's Lambda lines for one bucket: REPORT lines (invocations and their {@code
 * Duration:}), failure lines (the terms of the default {@code lambda-failure-rate} rule) and {@code
 * Task timed out} lines. Not thread-safe; one per group and bucket.
 */
final class LambdaLines {

  /** The failure terms of the default lambda-failure-rate rule's pattern. */
  static final List<String> FAILURE_TERMS =
      List.of(
          "ERROR",
          "Task timed out",
          "Runtime.ExitError",
          "Runtime exited",
          "out of memory",
          "OutOfMemoryError",
          "MemoryError");

  /** How an invocation's REPORT line begins. */
  static final String REPORT = "REPORT ";

  private static final String DURATION = "\tDuration: ";

  private final String logGroup;
  private final long start;
  private final Map<Integer, Long> durations = new HashMap<>();
  private long invocations;
  private long errors;
  private long timeouts;
  private long lastEventMillis;

  LambdaLines(String logGroup, long start) {
    this.logGroup = logGroup;
    this.start = start;
  }

  /**
   * Counts {@code message}, a line stamped {@code eventMillis}; lines without a signal count
   * nothing.
   */
  void add(String message, long eventMillis) {
    lastEventMillis = Math.max(lastEventMillis, eventMillis);
    if (message.startsWith(REPORT)) {
      invocations++;
      double millis = duration(message);
      if (millis >= 0) {
        durations.merge(DurationBins.of(millis), 1L, Long::sum);
      }
      return;
    }
    if (message.contains("Task timed out")) {
      timeouts++;
      errors++;
      return;
    }
    for (String term : FAILURE_TERMS) {
      if (message.contains(term)) {
        errors++;
        return;
      }
    }
  }

  /** Whether any line with a signal was counted. */
  boolean counted() {
    return invocations + errors > 0;
  }

  long start() {
    return start;
  }

  /** Event time of the latest line added. */
  long lastEventMillis() {
    return lastEventMillis;
  }

  /** The tally as a bucket. */
  TrafficBucket bucket() {
    return new TrafficBucket(logGroup, start, invocations, errors, timeouts, durations);
  }

  /** The {@code Duration:} of a REPORT line in ms, or -1 when it has none. */
  static double duration(String report) {
    int at = report.indexOf(DURATION);
    if (at < 0) {
      at = report.indexOf(" Duration: ");
      if (at < 0 || report.startsWith("Billed", at - 6)) {
        return -1;
      }
    }
    int from = at + DURATION.length();
    int to = report.indexOf(' ', from);
    try {
      return Double.parseDouble(report.substring(from, to < 0 ? report.length() : to));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
