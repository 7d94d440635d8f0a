package io.tocsin.detect.deploy;

import io.tocsin.model.Deployment;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The traffic of some log groups over {@code [from, to)}, summed from their buckets. */
final class TrafficWindow {

  private final Instant from;
  private final Instant to;
  private final Map<Integer, Long> durations = new HashMap<>();
  private long invocations;
  private long errors;
  private long timeouts;

  TrafficWindow(Instant from, Instant to) {
    this.from = from;
    this.to = to;
  }

  /** Adds a bucket that lies in this window. */
  void add(TrafficBucket bucket) {
    invocations += bucket.invocations();
    errors += bucket.errors();
    timeouts += bucket.timeouts();
    bucket.durations().forEach((bin, n) -> durations.merge(bin, n, Long::sum));
  }

  long invocations() {
    return invocations;
  }

  /** Failed invocations, never more than the invocations (a failure may log several lines). */
  long errors() {
    return Math.min(errors, invocations);
  }

  long timeouts() {
    return Math.min(timeouts, invocations);
  }

  /** Invocations with a known duration. */
  long timed() {
    return durations.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The bin holding the 99th percentile duration, or -1 without durations. */
  int p99Bin() {
    return DurationBins.quantileBin(durations, 0.99);
  }

  /** Invocations slower than the upper edge of {@code bin}. */
  long slowerThan(int bin) {
    return DurationBins.above(durations, bin);
  }

  /** The figures as published on the deployments topic. */
  Deployment.Window figures() {
    int p99 = p99Bin();
    return new Deployment.Window(
        from,
        to,
        invocations,
        errors(),
        ratio(errors()),
        timeouts(),
        ratio(timeouts()),
        p99 < 0 ? null : Math.round(DurationBins.upperEdge(p99) * 10) / 10.0);
  }

  private Double ratio(long count) {
    return invocations == 0 ? null : (double) count / invocations;
  }
}
