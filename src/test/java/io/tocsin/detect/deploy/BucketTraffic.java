package io.tocsin.detect.deploy;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded traffic of one function summarised per 10 s bucket as the thinner would count it: each
 * invocation fails with the given probability, half the failures time out at 3 s, the others take
 * 20 to 420 ms; durations go into {@link DurationBins}. For the replay evaluation, where piping
 * every line through the driver would take hours.
 */
final class BucketTraffic {

  private final Random random;
  private final String logGroup;
  private double carry;

  BucketTraffic(String logGroup, long seed) {
    this.logGroup = logGroup;
    this.random = new Random(seed);
  }

  /** The bucket starting at {@code start} with {@code perSecond} invocations a second. */
  TrafficBucket bucket(long start, double perSecond, double failureRate) {
    double expected = perSecond * TrafficBucket.MILLIS / 1000.0 + carry;
    long invocations = (long) expected;
    carry = expected - invocations;
    long errors = 0;
    long timeouts = 0;
    Map<Integer, Long> bins = new TreeMap<>();
    for (long i = 0; i < invocations; i++) {
      boolean fails = random.nextDouble() < failureRate;
      boolean timesOut = fails && random.nextBoolean();
      double millis = timesOut ? 3000.0 : 20 + random.nextInt(400) + random.nextDouble();
      errors += fails ? 1 : 0;
      timeouts += timesOut ? 1 : 0;
      bins.merge(DurationBins.of(millis), 1L, Long::sum);
    }
    return new TrafficBucket(logGroup, start, invocations, errors, timeouts, bins);
  }
}
