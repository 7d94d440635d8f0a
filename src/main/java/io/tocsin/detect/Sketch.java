package io.tocsin.detect;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mergeable quantile sketch with 1 % relative accuracy (log-spaced bins, as in DDSketch): p90,
 * p95 and p99 of a window's values without keeping every value. Bin {@code i} holds values in
 * {@code (γ^(i-1), γ^i]}; values ≤ 0 are counted as 0. Immutable; its JSON form is the sorted bins,
 * their counts and the zero count.
 *
 * @param bins sorted bin indexes
 * @param counts values per bin, parallel to {@code bins}
 * @param zeros values ≤ 0
 */
record Sketch(int[] bins, long[] counts, long zeros) {

  /** Bin growth factor: relative error (γ−1)/(γ+1) ≈ 0.99 %. */
  static final double GAMMA = 1.02;

  /** The sketch of no values. */
  static final Sketch EMPTY = new Sketch(new int[0], new long[0], 0);

  /** Widest span of bins merged in a dense array. */
  static final int MAX_DENSE_BINS = 1 << 16;

  private static final double LOG_GAMMA = Math.log(GAMMA);

  /** This sketch with {@code value} added. */
  Sketch plus(double value) {
    if (!(value > 0)) {
      return new Sketch(bins, counts, zeros + 1);
    }
    int bin = (int) Math.ceil(Math.log(value) / LOG_GAMMA);
    int at = Arrays.binarySearch(bins, bin);
    if (at >= 0) {
      long[] more = counts.clone();
      more[at]++;
      return new Sketch(bins, more, zeros);
    }
    int insert = -at - 1;
    int[] newBins = new int[bins.length + 1];
    long[] newCounts = new long[counts.length + 1];
    System.arraycopy(bins, 0, newBins, 0, insert);
    System.arraycopy(counts, 0, newCounts, 0, insert);
    newBins[insert] = bin;
    newCounts[insert] = 1;
    System.arraycopy(bins, insert, newBins, insert + 1, bins.length - insert);
    System.arraycopy(counts, insert, newCounts, insert + 1, counts.length - insert);
    return new Sketch(newBins, newCounts, zeros);
  }

  /**
   * The sketch of all values of {@code sketches} together ({@code null}s are skipped). Runs once
   * per event of a percentile rule over every bucket of its window, so bins are summed in a dense
   * array spanning the bins present (about a thousand cover a millisecond to a day) rather than a
   * map; only extreme values spread over more bins than {@link #MAX_DENSE_BINS} take the map.
   */
  static Sketch merge(Iterable<Sketch> sketches) {
    int low = Integer.MAX_VALUE;
    int high = Integer.MIN_VALUE;
    long zeros = 0;
    for (Sketch s : sketches) {
      if (s != null && s.bins.length > 0) {
        low = Math.min(low, s.bins[0]);
        high = Math.max(high, s.bins[s.bins.length - 1]);
      }
    }
    if (low <= high && (long) high - low >= MAX_DENSE_BINS) {
      return mergeSparse(sketches);
    }
    long[] dense = low > high ? new long[0] : new long[high - low + 1];
    for (Sketch s : sketches) {
      if (s == null) {
        continue;
      }
      zeros += s.zeros;
      for (int i = 0; i < s.bins.length; i++) {
        dense[s.bins[i] - low] += s.counts[i];
      }
    }
    int used = 0;
    for (long count : dense) {
      used += count > 0 ? 1 : 0;
    }
    int[] bins = new int[used];
    long[] counts = new long[used];
    int next = 0;
    for (int i = 0; i < dense.length; i++) {
      if (dense[i] > 0) {
        bins[next] = low + i;
        counts[next++] = dense[i];
      }
    }
    return new Sketch(bins, counts, zeros);
  }

  private static Sketch mergeSparse(Iterable<Sketch> sketches) {
    Map<Integer, Long> merged = new TreeMap<>();
    long zeros = 0;
    for (Sketch s : sketches) {
      if (s == null) {
        continue;
      }
      zeros += s.zeros;
      for (int i = 0; i < s.bins.length; i++) {
        merged.merge(s.bins[i], s.counts[i], Long::sum);
      }
    }
    int[] bins = new int[merged.size()];
    long[] counts = new long[merged.size()];
    int i = 0;
    for (Map.Entry<Integer, Long> e : merged.entrySet()) {
      bins[i] = e.getKey();
      counts[i++] = e.getValue();
    }
    return new Sketch(bins, counts, zeros);
  }

  /** How many values were added. */
  long total() {
    long n = zeros;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  /**
   * The {@code q}-quantile (nearest rank: the smallest value with at least {@code q·n} values at or
   * below it), within 1 % of the true value; {@code NaN} when empty.
   */
  double quantile(double q) {
    long n = total();
    if (n == 0) {
      return Double.NaN;
    }
    long rank = Math.max(0, Math.min(n - 1, (long) Math.ceil(q * n) - 1));
    if (rank < zeros) {
      return 0;
    }
    long seen = zeros;
    for (int i = 0; i < bins.length; i++) {
      seen += counts[i];
      if (seen > rank) {
        return 2 * Math.pow(GAMMA, bins[i]) / (GAMMA + 1);
      }
    }
    return 2 * Math.pow(GAMMA, bins[bins.length - 1]) / (GAMMA + 1);
  }
}
