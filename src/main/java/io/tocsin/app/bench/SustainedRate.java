package io.tocsin.app.bench;

import io.tocsin.app.bench.FloodProducer.Payload;
import io.tocsin.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Sustained consumption of one input topic by the detection application: a {@link FloodProducer}
 * keeps a backlog in front of it, and the rate is read from the offsets the application committed
 * (exactly_once_v2: processed, with its outputs, and committed) over a window after a warm-up. The
 * processor's CPU time over the same window, per event, is the figure a busy machine moves least.
 */
final class SustainedRate {

  private static final Duration SAMPLE = Duration.ofSeconds(1);
  private static final Duration SUB_WINDOW = Duration.ofSeconds(5);
  private static final Duration MAX_WAIT = Duration.ofMinutes(3);

  /**
   * The measured rate.
   *
   * @param eventsPerSecond over the whole window
   * @param slowestPerSecond of the slowest 5-second part of the window: whether it held
   * @param seconds the window
   * @param cpuMicrosPerEvent the processor's CPU time (user + system, every thread) over the window
   *     per event processed in it; NaN where the CPU time cannot be read
   * @param loadAverage one-minute load average at the end
   */
  record Result(
      double eventsPerSecond,
      double slowestPerSecond,
      double seconds,
      double cpuMicrosPerEvent,
      double loadAverage) {}

  private final KafkaClients clients;
  private final GroupProgress progress;
  private final Runnable processorCheck;
  private final LongSupplier processorCpuNanos;

  /**
   * Measures through {@code clients} and {@code progress}; {@code processorCheck} throws when the
   * processor has gone, so that no wait outlives it; {@code processorCpuNanos} is the processor's
   * CPU time so far (negative where unknown).
   */
  SustainedRate(
      KafkaClients clients,
      GroupProgress progress,
      Runnable processorCheck,
      LongSupplier processorCpuNanos) {
    this.clients = clients;
    this.progress = progress;
    this.processorCheck = processorCheck;
    this.processorCpuNanos = processorCpuNanos;
  }

  /**
   * Floods {@code topic} with {@code pool}, measures over {@code window} after {@code warmup}, then
   * stops and waits until the backlog is processed.
   */
  Result measure(
      String topic, List<Payload> pool, Duration warmup, Duration window, long maxBacklog) {
    long before = progress.committed(topic);
    List<long[]> samples = new ArrayList<>();
    long cpuBefore;
    long cpuAfter;
    try (FloodProducer flood =
        new FloodProducer(clients, topic, pool, () -> progress.lag(topic), maxBacklog)) {
      flood.start();
      waitUntil(() -> progress.committed(topic) > before, "processing of " + topic + " to start");
      sleep(warmup);
      long end = System.nanoTime() + window.toNanos();
      cpuBefore = processorCpuNanos.getAsLong();
      samples.add(new long[] {System.nanoTime(), progress.committed(topic)});
      while (System.nanoTime() < end) {
        sleep(SAMPLE);
        samples.add(new long[] {System.nanoTime(), progress.committed(topic)});
      }
      cpuAfter = processorCpuNanos.getAsLong();
    }
    double load = Machine.loadAverage();
    drain(topic);
    long[] first = samples.get(0);
    long[] last = samples.get(samples.size() - 1);
    double seconds = (last[0] - first[0]) / 1e9;
    long events = last[1] - first[1];
    double cpuPerEvent =
        cpuBefore < 0 || cpuAfter < 0 || events == 0
            ? Double.NaN
            : (cpuAfter - cpuBefore) / 1e3 / events;
    return new Result(events / seconds, slowest(samples), seconds, cpuPerEvent, load);
  }

  /** Waits until the application processed everything on {@code topic}. */
  void drain(String topic) {
    waitUntil(() -> progress.lag(topic) == 0, "the backlog of " + topic + " to be processed");
  }

  /** The lowest rate over consecutive sub-windows of the samples (the whole, if shorter). */
  private static double slowest(List<long[]> samples) {
    int step = (int) (SUB_WINDOW.toMillis() / SAMPLE.toMillis());
    double slowest = Double.MAX_VALUE;
    for (int i = 0; i + step < samples.size(); i += step) {
      long[] a = samples.get(i);
      long[] b = samples.get(i + step);
      slowest = Math.min(slowest, (b[1] - a[1]) * 1e9 / (b[0] - a[0]));
    }
    if (slowest == Double.MAX_VALUE) {
      long[] a = samples.get(0);
      long[] b = samples.get(samples.size() - 1);
      slowest = (b[1] - a[1]) * 1e9 / (b[0] - a[0]);
    }
    return slowest;
  }

  private void waitUntil(BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + MAX_WAIT.toNanos();
    while (!done.getAsBoolean()) {
      processorCheck.run();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up waiting " + MAX_WAIT + " for " + what);
      }
      sleep(Duration.ofMillis(200));
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
