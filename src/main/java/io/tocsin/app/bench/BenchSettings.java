package io.tocsin.app.bench;

import java.time.Duration;

/**
 * How much {@code tocsin bench} generates and how long it measures.
 *
 * @param mode a name for the report: {@code quick}, {@code full} or anything else
 * @param seed seed of the generated corpus
 * @param logEvents log events in the corpus (at least)
 * @param cloudTrailEvents CloudTrail events in the corpus
 * @param warmup warm-up of each in-JVM figure
 * @param slice one measuring round of each in-JVM figure
 * @param rounds measuring rounds of each in-JVM figure (the median is reported)
 * @param endToEnd whether to run the end-to-end part (broker and a child processor JVM)
 * @param e2eWarmup warm-up before each end-to-end throughput window
 * @param e2eWindow each end-to-end throughput window
 * @param latencyWindow the latency phase
 * @param storeGroups Lambda log groups opened for the state-store figures
 * @param heap the processor's {@code -Xmx} in the end-to-end part
 */
public record BenchSettings(
    String mode,
    long seed,
    int logEvents,
    int cloudTrailEvents,
    Duration warmup,
    Duration slice,
    int rounds,
    boolean endToEnd,
    Duration e2eWarmup,
    Duration e2eWindow,
    Duration latencyWindow,
    int storeGroups,
    String heap) {

  /** Input rate of the latency phase, events per second. */
  public static final int LATENCY_RATE = 5_000;

  /** Breaching records per second during the latency phase. */
  public static final int PROBES_PER_SECOND = 10;

  /**
   * The routine run: every figure in under two minutes. Its short warm-ups and windows put its
   * end-to-end figures below the full run's: compare quick runs with quick runs. It keeps the full
   * run's 20,000 CloudTrail events: with 3,000, their trees stayed in the CPU caches, the cost of
   * 10 rules read a third of the full run's and the 1,000-rule growth up to 4x.
   */
  public static BenchSettings quick(long seed, String heap) {
    return new BenchSettings(
        "quick",
        seed,
        20_000,
        20_000,
        Duration.ofMillis(1500),
        Duration.ofMillis(300),
        5,
        true,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        10_000,
        heap);
  }

  /** The reference run: 60-second end-to-end windows and longer in-JVM rounds. */
  public static BenchSettings full(long seed, String heap) {
    return new BenchSettings(
        "full",
        seed,
        150_000,
        20_000,
        Duration.ofSeconds(3),
        Duration.ofSeconds(2),
        5,
        true,
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofSeconds(60),
        10_000,
        heap);
  }

  /** These settings without the end-to-end part. */
  public BenchSettings withoutEndToEnd() {
    return new BenchSettings(
        mode,
        seed,
        logEvents,
        cloudTrailEvents,
        warmup,
        slice,
        rounds,
        false,
        e2eWarmup,
        e2eWindow,
        latencyWindow,
        storeGroups,
        heap);
  }
}
