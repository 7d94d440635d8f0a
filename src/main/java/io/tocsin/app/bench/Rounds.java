package io.tocsin.app.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Times units of work against each other in the same JVM: all are warmed up first, then measured in
 * alternating rounds, so that a load spike on a shared machine hits every contender alike. The
 * figure of a contender is the median of its rounds.
 */
final class Rounds {

  /**
   * A unit of work to time.
   *
   * @param name what it is called in the results
   * @param pass does one pass over its input and returns how many events it handled
   */
  record Contender(String name, LongSupplier pass) {}

  /**
   * The measured rate of one contender.
   *
   * @param name the contender
   * @param eventsPerSecond median events per second over the rounds
   * @param loadAverage the one-minute load average when the rounds ended
   */
  record Rate(String name, double eventsPerSecond, double loadAverage) {

    /** Nanoseconds per event. */
    double nanosPerEvent() {
      return 1e9 / eventsPerSecond;
    }
  }

  /** Where passes leave a result that depends on their work, so the JIT cannot drop it. */
  private static volatile long sink;

  private final Duration warmup;
  private final Duration slice;
  private final int rounds;

  /** Rounds of {@code slice} per contender, {@code rounds} times, after {@code warmup} each. */
  Rounds(Duration warmup, Duration slice, int rounds) {
    this.warmup = warmup;
    this.slice = slice;
    this.rounds = rounds;
  }

  /** Keeps {@code value} observable, so the work that produced it cannot be optimised away. */
  static void consume(long value) {
    sink += value;
  }

  /** Times every contender; results in contender order. */
  List<Rate> run(List<Contender> contenders) {
    for (Contender c : contenders) {
      rate(c.pass(), warmup.toNanos());
    }
    double[][] rates = new double[contenders.size()][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int c = 0; c < contenders.size(); c++) {
        rates[c][r] = rate(contenders.get(c).pass(), slice.toNanos());
      }
    }
    double load = Machine.loadAverage();
    List<Rate> results = new ArrayList<>();
    for (int c = 0; c < contenders.size(); c++) {
      results.add(new Rate(contenders.get(c).name(), median(rates[c]), load));
    }
    return results;
  }

  /** Events per second of {@code pass}, run whole passes for at least {@code nanos}. */
  private static double rate(LongSupplier pass, long nanos) {
    long events = 0;
    long t0 = System.nanoTime();
    long elapsed;
    do {
      events += pass.getAsLong();
      elapsed = System.nanoTime() - t0;
    } while (elapsed < nanos);
    return events * 1e9 / elapsed;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
