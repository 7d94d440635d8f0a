package io.tocsin.app.bench;

import io.tocsin.app.bench.FloodProducer.Payload;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.rules.RuleSet;
import io.tocsin.sample.SampleTraffic;
import io.tocsin.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Alert latency at a steady input rate: background log events at the rate, paced every 10 ms, and
 * among them breaching records — a Lambda timeout in a log group of its own, so each opens a new
 * incident and fires at once. Latency runs from the moment a breaching record is handed to the
 * producer (with ingest's producer settings) to the moment its alert arrives where each {@link
 * AlertArrivals} leg watches: committed on the alerts topic, paged at the PagerDuty stand-in.
 */
final class LatencyProbe {

  /** The log groups of the breaching records begin with this. */
  static final String LOG_GROUP_PREFIX = "/aws/lambda/bench-probe-";

  private static final long TICK_NANOS = 10_000_000L;

  /**
   * What the probe saw at one place.
   *
   * @param leg where arrival was observed ({@link AlertArrivals#name})
   * @param measuredTo what arrival means there
   * @param eventsPerSecond the input rate
   * @param probes breaching records sent
   * @param arrived their alerts seen
   * @param p50Millis median latency
   * @param p99Millis 99th percentile latency
   * @param maxMillis worst latency
   * @param loadAverage one-minute load average at the end
   */
  record Result(
      String leg,
      String measuredTo,
      int eventsPerSecond,
      int probes,
      int arrived,
      double p50Millis,
      double p99Millis,
      double maxMillis,
      double loadAverage) {}

  private final KafkaClients clients;
  private final RuleSet rules;
  private final List<Payload> background;

  /** A probe sending {@code background} log events between probes, matched with {@code rules}. */
  LatencyProbe(KafkaClients clients, RuleSet rules, List<Payload> background) {
    this.clients = clients;
    this.rules = rules;
    this.background = background;
  }

  /**
   * Sends {@code eventsPerSecond} for {@code duration}, {@code probesPerSecond} of them breaching,
   * then waits up to {@code grace} for the last alerts; one result per leg, in order. Closes the
   * legs.
   */
  List<Result> run(
      List<AlertArrivals> legs,
      int eventsPerSecond,
      int probesPerSecond,
      Duration duration,
      Duration grace) {
    int ticks = (int) (duration.toNanos() / TICK_NANOS);
    int ticksPerProbe = Math.max(1, 100 / probesPerSecond);
    int probes = (ticks + ticksPerProbe - 1) / ticksPerProbe;
    int perTick = Math.max(1, eventsPerSecond / 100);
    AtomicLongArray sent = new AtomicLongArray(probes);
    Map<String, Integer> probeOf = new ConcurrentHashMap<>();
    List<AtomicLongArray> arrived = new ArrayList<>();
    for (AlertArrivals leg : legs) {
      AtomicLongArray seen = new AtomicLongArray(probes);
      arrived.add(seen);
      leg.start(
          (fingerprint, now) -> {
            Integer probe = probeOf.get(fingerprint);
            if (probe != null) {
              seen.compareAndSet(probe, 0, now);
            }
          });
    }
    String run = Long.toString(System.currentTimeMillis(), 36);
    ExpectedIncidents expected = new ExpectedIncidents(rules);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            clients.producer("tocsin-bench-latency"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      long start = System.nanoTime();
      int next = 0;
      for (int tick = 0; tick < ticks; tick++) {
        LockSupport.parkNanos(start + tick * TICK_NANOS - System.nanoTime());
        int events = perTick;
        if (tick % ticksPerProbe == 0) {
          int probe = tick / ticksPerProbe;
          LogEvent breach = breach(run, probe);
          List<String> opens = expected.add(breach);
          if (opens.isEmpty()) {
            throw new IllegalStateException("no rule matches the breaching record " + breach);
          }
          opens.forEach(f -> probeOf.put(f, probe));
          Payload p = payload(breach);
          sent.set(probe, System.nanoTime());
          producer.send(new ProducerRecord<>(Topics.LOGS.name(), p.key(), p.value()));
          events--;
        }
        for (int i = 0; i < events; i++) {
          Payload p = background.get(next);
          next = (next + 1) % background.size();
          producer.send(new ProducerRecord<>(Topics.LOGS.name(), p.key(), p.value()));
        }
      }
      awaitArrivals(arrived, grace);
    } finally {
      legs.forEach(AlertArrivals::close);
    }
    double load = Machine.loadAverage();
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < legs.size(); i++) {
      results.add(result(legs.get(i), eventsPerSecond, sent, arrived.get(i), load));
    }
    return results;
  }

  private static LogEvent breach(String run, int probe) {
    Instant now = Instant.now();
    String id = run + "-" + probe;
    return new LogEvent(
        SampleTraffic.ACCOUNT,
        LOG_GROUP_PREFIX + id,
        "2026/11/26/[$LATEST]probe",
        id,
        now.toEpochMilli(),
        now + " " + id + " Task timed out after 3.00 seconds",
        new SourcePosition("bench", "latency-probe", "", id));
  }

  private static void awaitArrivals(List<AtomicLongArray> arrived, Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < deadline && arrived.stream().anyMatch(a -> count(a) < a.length())) {
      LockSupport.parkNanos(20_000_000L);
    }
  }

  private static Result result(
      AlertArrivals leg,
      int eventsPerSecond,
      AtomicLongArray sent,
      AtomicLongArray arrived,
      double load) {
    double[] millis = new double[count(arrived)];
    int n = 0;
    for (int i = 0; i < arrived.length(); i++) {
      if (arrived.get(i) != 0) {
        millis[n++] = (arrived.get(i) - sent.get(i)) / 1e6;
      }
    }
    Arrays.sort(millis);
    return new Result(
        leg.name(),
        leg.describe(),
        eventsPerSecond,
        sent.length(),
        millis.length,
        percentile(millis, 0.50),
        percentile(millis, 0.99),
        millis.length == 0 ? Double.NaN : millis[millis.length - 1],
        load);
  }

  private static int count(AtomicLongArray arrived) {
    int n = 0;
    for (int i = 0; i < arrived.length(); i++) {
      n += arrived.get(i) != 0 ? 1 : 0;
    }
    return n;
  }

  /** Nearest-rank percentile of sorted {@code values}; NaN when empty. */
  private static double percentile(double[] values, double p) {
    return values.length == 0 ? Double.NaN : values[(int) Math.ceil(p * values.length) - 1];
  }

  private static Payload payload(LogEvent event) {
    return FloodProducer.payloads(Topics.LOGS, List.of(event), LogEvent::logGroup).get(0);
  }
}
