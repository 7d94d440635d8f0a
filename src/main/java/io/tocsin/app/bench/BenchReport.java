package io.tocsin.app.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.app.bench.Rounds.Rate;
import io.tocsin.model.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one {@code tocsin bench} run, with their targets: a readable table, and the same
 * figures as one JSON line for machines. The load average next to each figure says how busy the
 * machine was while it was measured.
 *
 * @param mode quick, full, …
 * @param machine what it ran on
 * @param corpus what it ran on, in events
 * @param logsCeiling decode + match of log events against inflate + parse
 * @param cloudTrailCeiling decode + match of CloudTrail events against parse
 * @param logsScaling matching cost of log events by pack size
 * @param cloudTrailScaling matching cost of CloudTrail events by pack size
 * @param ingestHop the KCL record processor to acknowledged batches against decoding alone, or
 *     {@code null} when skipped with the end-to-end part (it needs the broker)
 * @param endToEnd the end-to-end figures, or {@code null} when that part was skipped
 */
public record BenchReport(
    String mode,
    Machine machine,
    CorpusSummary corpus,
    CeilingBench.Result logsCeiling,
    CeilingBench.Result cloudTrailCeiling,
    RuleScalingBench.Result logsScaling,
    RuleScalingBench.Result cloudTrailScaling,
    IngestHopBench.Results ingestHop,
    EndToEndBench.Result endToEnd) {

  /** Decode + match must reach at least this fraction of the ceiling. */
  public static final double TARGET_CEILING_RATIO = 0.5;

  /** Matching with 1,000 rules may cost at most this multiple of matching with 10. */
  public static final double TARGET_RULE_GROWTH = 2.0;

  /** Sustained log events per second end to end. */
  public static final double TARGET_LOGS_PER_SECOND = 150_000;

  /** Sustained CloudTrail events per second end to end. */
  public static final double TARGET_CLOUDTRAIL_PER_SECOND = 50_000;

  /** 99th percentile alert latency at 5,000 events per second, in milliseconds. */
  public static final double TARGET_P99_MILLIS = 1_000;

  /**
   * The corpus in numbers.
   *
   * @param logEvents log events
   * @param logRecords CloudWatch Logs subscription records holding them
   * @param logRecordBytes bytes of those records (gzip)
   * @param cloudTrailEvents CloudTrail events (one EventBridge record each)
   * @param defaultRules rules of the default pack used by the ceiling and end-to-end figures
   */
  public record CorpusSummary(
      int logEvents, int logRecords, long logRecordBytes, int cloudTrailEvents, int defaultRules) {}

  /** What this run did not measure, and why. */
  public List<String> notMeasured() {
    List<String> missing = new ArrayList<>();
    missing.add(
        "PagerDuty itself: the page goes to tocsin's local stand-in, which answers at once; the"
            + " real Events API adds its own round trip");
    missing.add(
        "Kinesis itself (GetRecords, leases): the ingest hop hands records to the KCL record"
            + " processor directly, and end to end produces straight to the topics; the Kinesis"
            + " emulator is too slow to benchmark");
    if (endToEnd == null) {
      missing.add(
          "end to end: skipped on request, and with it the ingest hop (it needs the broker)");
    }
    return missing;
  }

  /** The table, one figure per line. */
  public String table() {
    return new BenchTable(this).render();
  }

  /** Every figure as one line of JSON. */
  public String json() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("bench", "tocsin");
    root.put("mode", mode);
    root.set("machine", Json.MAPPER.valueToTree(machine));
    ObjectNode input = root.putObject("corpus");
    input.put("log_events", corpus.logEvents());
    input.put("log_records", corpus.logRecords());
    input.put("log_record_bytes", corpus.logRecordBytes());
    input.put("cloudtrail_events", corpus.cloudTrailEvents());
    input.put("default_rules", corpus.defaultRules());
    ObjectNode ceiling = root.putObject("ceiling");
    ceiling(ceiling.putObject("logs"), logsCeiling);
    ceiling(ceiling.putObject("cloudtrail"), cloudTrailCeiling);
    ObjectNode scaling = root.putObject("rule_scaling");
    scaling(scaling.putObject("logs"), logsScaling);
    scaling(scaling.putObject("cloudtrail"), cloudTrailScaling);
    if (ingestHop != null) {
      ObjectNode hop = root.putObject("ingest_hop");
      ingestHop(hop.putObject("logs"), ingestHop.logs());
      ingestHop(hop.putObject("cloudtrail"), ingestHop.cloudTrail());
    }
    if (endToEnd != null) {
      endToEnd(root.putObject("end_to_end"));
    }
    notMeasured().forEach(root.putArray("not_measured")::add);
    return root.toString();
  }

  private static void ceiling(ObjectNode node, CeilingBench.Result r) {
    node.put("ceiling_events_per_s", Math.round(r.ceiling().eventsPerSecond()));
    node.put("tocsin_events_per_s", Math.round(r.tocsin().eventsPerSecond()));
    number(node, "ratio", r.ratio(), 3);
    node.put("target_ratio", TARGET_CEILING_RATIO);
    number(node, "matches_per_1000_events", r.matchesPerThousand(), 2);
    node.put("load1", r.tocsin().loadAverage());
  }

  private static void ingestHop(ObjectNode node, IngestHopBench.Result r) {
    node.put("decode_events_per_s", Math.round(r.decode().eventsPerSecond()));
    node.put("ingest_events_per_s", Math.round(r.ingest().eventsPerSecond()));
    number(node, "ratio", r.ratio(), 3);
    node.put("batches_per_pass", r.batches());
    node.put("batch_bytes", IngestHopBench.BATCH_BYTES);
    node.put("load1", r.ingest().loadAverage());
  }

  private static void scaling(ObjectNode node, RuleScalingBench.Result r) {
    ObjectNode nanos = node.putObject("ns_per_event");
    r.rates().forEach((size, rate) -> number(nanos, size.toString(), rate.nanosPerEvent(), 1));
    number(node, "growth", r.growth(), 2);
    node.put("target_growth", TARGET_RULE_GROWTH);
    node.put("load1", last(r).loadAverage());
  }

  private void endToEnd(ObjectNode node) {
    throughput(node.putObject("logs"), endToEnd.logs(), TARGET_LOGS_PER_SECOND);
    throughput(node.putObject("cloudtrail"), endToEnd.cloudTrail(), TARGET_CLOUDTRAIL_PER_SECOND);
    ObjectNode legs = node.putObject("latency");
    for (LatencyProbe.Result l : endToEnd.latency()) {
      ObjectNode latency = legs.putObject(l.leg());
      latency.put("measured_to", l.measuredTo());
      latency.put("events_per_s", l.eventsPerSecond());
      latency.put("probes", l.probes());
      latency.put("arrived", l.arrived());
      number(latency, "p50_ms", l.p50Millis(), 1);
      number(latency, "p99_ms", l.p99Millis(), 1);
      number(latency, "max_ms", l.maxMillis(), 1);
      latency.put("target_p99_ms", TARGET_P99_MILLIS);
      latency.put("load1", l.loadAverage());
    }
    EndToEndBench.Memory m = endToEnd.memory();
    ObjectNode memory = node.putObject("memory");
    memory.put("heap_limit", m.heapLimit());
    memory.put("peak_heap_after_gc_bytes", m.peakHeapAfterGcBytes());
    memory.put("peak_rss_bytes", m.peakRssBytes());
    ObjectNode stores = node.putObject("state_per_10k_groups");
    for (StoreSizes.Store s : endToEnd.stores()) {
      ObjectNode store = stores.putObject(s.store());
      store.put("keys", s.keys());
      store.put("content_bytes", per10k(s.contentBytes(), s.keys()));
      store.put("changelog_bytes", per10k(s.changelogBytes(), s.keys()));
      store.put("rocksdb_sst_bytes", per10k(s.rocksDbBytes(), s.keys()));
    }
  }

  private static void throughput(ObjectNode node, SustainedRate.Result r, double target) {
    node.put("events_per_s", Math.round(r.eventsPerSecond()));
    node.put("slowest_5s_events_per_s", Math.round(r.slowestPerSecond()));
    number(node, "seconds", r.seconds(), 1);
    number(node, "processor_cpu_us_per_event", r.cpuMicrosPerEvent(), 2);
    node.put("target_events_per_s", Math.round(target));
    node.put("load1", r.loadAverage());
  }

  /** {@code bytes} for {@code keys} keys, scaled to 10,000 keys. */
  static long per10k(long bytes, int keys) {
    return keys == 0 ? 0 : Math.round(bytes * 10_000.0 / keys);
  }

  static Rate last(RuleScalingBench.Result r) {
    return r.rates().get(RuleScalingBench.SIZES.get(RuleScalingBench.SIZES.size() - 1));
  }

  /** Puts {@code value} rounded to {@code places} decimals, or null when it is not a number. */
  private static void number(ObjectNode node, String key, double value, int places) {
    if (Double.isFinite(value)) {
      double scale = Math.pow(10, places);
      node.put(key, Math.round(value * scale) / scale);
    } else {
      node.putNull(key);
    }
  }
}
