package io.tocsin.detect.deploy;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one log group's Lambda lines said in one bucket of {@link #MILLIS} (or part of it: buckets
 * of the same group and start add up).
 *
 * @param logGroup the log group
 * @param start bucket start, epoch ms, a multiple of {@link #MILLIS}
 * @param invocations REPORT lines
 * @param errors failed-invocation lines (ERROR, timeouts, runtime exits, out of memory), as the
 *     default {@code lambda-failure-rate} rule counts them
 * @param timeouts {@code Task timed out} lines
 * @param durations REPORT durations: count per {@link DurationBins} bin
 */
record TrafficBucket(
    String logGroup,
    long start,
    long invocations,
    long errors,
    long timeouts,
    Map<Integer, Long> durations) {

  /** The bucket length: verdicts move in steps of it. */
  static final long MILLIS = 10_000;

  /** Copies the bins (sorted) so a bucket never changes after it is built. */
  TrafficBucket {
    durations = durations == null ? Map.of() : Map.copyOf(durations);
  }

  /** The start of the bucket holding {@code epochMillis}. */
  static long startOf(long epochMillis) {
    return Math.floorDiv(epochMillis, MILLIS) * MILLIS;
  }

  /** This bucket and {@code other} (same group and start) added up. */
  TrafficBucket plus(TrafficBucket other) {
    Map<Integer, Long> bins = new TreeMap<>(durations);
    other.durations.forEach((bin, n) -> bins.merge(bin, n, Long::sum));
    return new TrafficBucket(
        logGroup,
        start,
        invocations + other.invocations,
        errors + other.errors,
        timeouts + other.timeouts,
        bins);
  }
}
