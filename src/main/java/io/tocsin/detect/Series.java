package io.tocsin.detect;

import io.tocsin.rules.Alarm;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.Rule;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * One group's recent time series for a rate or threshold rule: consecutive buckets of {@code width}
 * milliseconds (bucket {@code i} holds event times {@code [i·width, (i+1)·width)}), each holding
 * what the rule's statistic needs and nothing more — numerator and denominator counts for a rate
 * rule; the count of values plus their sum, min, max or quantile sketch for a threshold rule
 * (absent arrays are {@code null}). Immutable: every change returns a copy, which is cheap at the
 * few dozen buckets a group keeps.
 *
 * @param width bucket width in milliseconds
 * @param first index of the first bucket
 * @param numerator rate: numerator events per bucket
 * @param count rate: denominator events; threshold: values, per bucket
 * @param sum threshold (sum, avg): sum of the values per bucket
 * @param min threshold (min): smallest value per bucket (0 in an empty bucket)
 * @param max threshold (max): largest value per bucket (0 in an empty bucket)
 * @param sketches threshold (percentiles): quantile sketch per bucket ({@code null} when empty)
 */
record Series(
    long width,
    long first,
    long[] numerator,
    long[] count,
    double[] sum,
    double[] min,
    double[] max,
    Sketch[] sketches) {

  /** An empty series for {@code rule} with buckets of {@code width} ms. */
  static Series empty(CompiledRule rule, long width) {
    Alarm.Statistic statistic = rule.rule().alarm().statistic();
    if (rule.rule().kind() == Rule.Kind.RATE) {
      return new Series(width, 0, new long[0], new long[0], null, null, null, null);
    }
    boolean sums = statistic == Alarm.Statistic.SUM || statistic == Alarm.Statistic.AVG;
    return new Series(
        width,
        0,
        null,
        new long[0],
        sums ? new double[0] : null,
        statistic == Alarm.Statistic.MIN ? new double[0] : null,
        statistic == Alarm.Statistic.MAX ? new double[0] : null,
        statistic.quantile() > 0 ? new Sketch[0] : null);
  }

  /** Whether no bucket holds data. */
  boolean isEmpty() {
    return count.length == 0;
  }

  /** Index of the last bucket ({@code first - 1} when empty). */
  long last() {
    return first + count.length - 1;
  }

  /** This series with {@code o} added to bucket {@code index}. */
  Series plus(long index, Observation o) {
    Series s =
        isEmpty()
            ? span(index, 1)
            : span(
                Math.min(first, index),
                (int) (Math.max(last(), index) - Math.min(first, index)) + 1);
    int i = (int) (index - s.first);
    if (s.numerator != null) {
      s.numerator[i] += o.numerator() ? 1 : 0;
      s.count[i] += o.denominator() ? 1 : 0;
      return s;
    }
    double v = o.value();
    boolean firstValue = s.count[i]++ == 0;
    if (s.sum != null) {
      s.sum[i] += v;
    }
    if (s.min != null) {
      s.min[i] = firstValue ? v : Math.min(s.min[i], v);
    }
    if (s.max != null) {
      s.max[i] = firstValue ? v : Math.max(s.max[i], v);
    }
    if (s.sketches != null) {
      s.sketches[i] = (firstValue ? Sketch.EMPTY : s.sketches[i]).plus(v);
    }
    return s;
  }

  /** This series without the buckets before {@code oldest}, nor leading empty ones. */
  Series from(long oldest) {
    long start = Math.max(first, oldest);
    while (start <= last() && count[(int) (start - first)] == 0 && numeratorAt(start) == 0) {
      start++;
    }
    if (start == first) {
      return this;
    }
    return start > last() ? span(0, 0) : span(start, (int) (last() - start) + 1);
  }

  /** Whether any of buckets {@code from..to} (inclusive) holds data. */
  boolean hasData(long from, long to) {
    for (long b = Math.max(from, first); b <= Math.min(to, last()); b++) {
      if (count[(int) (b - first)] > 0 || numeratorAt(b) > 0) {
        return true;
      }
    }
    return false;
  }

  /** The first bucket after {@code bucket} that holds data, or {@link Long#MAX_VALUE}. */
  long nextData(long bucket) {
    for (long b = Math.max(bucket + 1, first); b <= last(); b++) {
      if (count[(int) (b - first)] > 0 || numeratorAt(b) > 0) {
        return b;
      }
    }
    return Long.MAX_VALUE;
  }

  /** What buckets {@code from..to} (inclusive) hold together. */
  Aggregate over(long from, long to) {
    long n = 0;
    long c = 0;
    double total = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    long start = Math.max(from, first);
    long end = Math.min(to, last());
    for (long b = start; b <= end; b++) {
      int i = (int) (b - first);
      n += numeratorAt(b);
      c += count[i];
      total += sum == null ? 0 : sum[i];
      if (count[i] > 0) {
        lo = Math.min(lo, min == null ? lo : min[i]);
        hi = Math.max(hi, max == null ? hi : max[i]);
      }
    }
    Sketch merged = null;
    if (sketches != null) {
      merged =
          end < start
              ? Sketch.EMPTY
              : Sketch.merge(
                  Arrays.asList(sketches).subList((int) (start - first), (int) (end - first) + 1));
    }
    return new Aggregate(n, c, total, lo, hi, merged);
  }

  private long numeratorAt(long bucket) {
    return numerator == null ? 0 : numerator[(int) (bucket - first)];
  }

  /** A copy spanning buckets {@code newFirst..newFirst+n-1}; data outside is dropped. */
  private Series span(long newFirst, int n) {
    return new Series(
        width,
        newFirst,
        copy(numerator, newFirst, n, long[]::new),
        copy(count, newFirst, n, long[]::new),
        copy(sum, newFirst, n, double[]::new),
        copy(min, newFirst, n, double[]::new),
        copy(max, newFirst, n, double[]::new),
        copy(sketches, newFirst, n, Sketch[]::new));
  }

  private <A> A copy(A array, long newFirst, int n, IntFunction<A> allocate) {
    if (array == null) {
      return null;
    }
    A fresh = allocate.apply(n);
    long lo = Math.max(first, newFirst);
    long hi = Math.min(last(), newFirst + n - 1);
    if (hi >= lo) {
      System.arraycopy(
          array, (int) (lo - first), fresh, (int) (lo - newFirst), (int) (hi - lo + 1));
    }
    return fresh;
  }

  /** What some buckets hold together, and the figure a rule compares. */
  record Aggregate(long numerator, long count, double sum, double min, double max, Sketch sketch) {

    /**
     * The ratio (rate rule) or statistic (threshold rule), or {@code null} when fewer than {@code
     * min_denominator} events or values make it up: no datapoint.
     */
    Double figure(CompiledRule rule) {
      Alarm alarm = rule.rule().alarm();
      if (count < alarm.minDenominator() || count == 0) {
        return null;
      }
      if (rule.rule().kind() == Rule.Kind.RATE) {
        return (double) numerator / count;
      }
      return switch (alarm.statistic()) {
        case COUNT -> (double) count;
        case SUM -> sum;
        case AVG -> sum / count;
        case MIN -> min;
        case MAX -> max;
        case P90, P95, P99 -> sketch.quantile(alarm.statistic().quantile());
      };
    }
  }
}
