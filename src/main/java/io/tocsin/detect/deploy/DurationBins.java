package io.tocsin.detect.deploy;

import java.util.Map;

/**
 * Log-scale bins of invocation durations, each 5 % wide, so a p99 and the share of invocations
 * slower than a threshold can be read from counts that add up across buckets.
 */
final class DurationBins {

  private static final double WIDTH = Math.log(1.05);

  private DurationBins() {}

  /** The bin of a duration in ms; everything up to 1 ms is bin 0. */
  static int of(double millis) {
    return millis <= 1 ? 0 : (int) Math.ceil(Math.log(millis) / WIDTH);
  }

  /** The upper edge of {@code bin}, in ms. */
  static double upperEdge(int bin) {
    return Math.exp(bin * WIDTH);
  }

  /**
   * The bin holding the {@code quantile} of {@code bins}, or {@code -1} when there are none; its
   * upper edge overstates the quantile by at most 5 %.
   */
  static int quantileBin(Map<Integer, Long> bins, double quantile) {
    long total = bins.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(quantile * total);
    long seen = 0;
    for (Map.Entry<Integer, Long> bin : new java.util.TreeMap<>(bins).entrySet()) {
      seen += bin.getValue();
      if (seen >= rank) {
        return bin.getKey();
      }
    }
    throw new IllegalStateException("unreachable: rank " + rank + " above total " + total);
  }

  /** How many durations in {@code bins} fall in bins above {@code bin}. */
  static long above(Map<Integer, Long> bins, int bin) {
    return bins.entrySet().stream()
        .filter(e -> e.getKey() > bin)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
