package io.tocsin.app.bench;

import io.tocsin.app.bench.Rounds.Rate;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a {@link BenchReport} as a table for people: figure, value, target, met, load. */
final class BenchTable {

  private static final String ROW = "  %-58s %-24s %-16s %-4s %s%n";

  private final BenchReport report;
  private final StringBuilder out = new StringBuilder();

  BenchTable(BenchReport report) {
    this.report = report;
  }

  /** The whole table. */
  String render() {
    Machine m = report.machine();
    BenchReport.CorpusSummary c = report.corpus();
    line("tocsin bench (%s) on %s, %d cores, %s", report.mode(), m.cpu(), m.cores(), m.java());
    line(
        "corpus: %s log events in %s CloudWatch Logs records (%s gzip), %s CloudTrail events;"
            + " default pack of %d rules",
        count(c.logEvents()),
        count(c.logRecords()),
        megabytes(c.logRecordBytes()),
        count(c.cloudTrailEvents()),
        c.defaultRules());
    line("");
    row("figure", "value", "target", "met", "load1");
    line("Ceiling: same corpus, same JVM, one thread");
    ceiling("logs", "gzip inflate + JSON parse", report.logsCeiling());
    ceiling("cloudtrail", "JSON parse", report.cloudTrailCeiling());
    line("Rule scaling: RuleSet.matching per event, generated packs");
    scaling("logs", report.logsScaling());
    scaling("cloudtrail", report.cloudTrailScaling());
    if (report.ingestHop() != null) {
      line(
          "Ingest hop: Kinesis records in %s batches, KCL record processor, decode, Kafka producer"
              + " to acknowledged (in-process broker, no emulator)",
          megabytes(IngestHopBench.BATCH_BYTES));
      ingestHop("logs", report.ingestHop().logs());
      ingestHop("cloudtrail", report.ingestHop().cloudTrail());
    }
    if (report.endToEnd() != null) {
      endToEnd(report.endToEnd());
    }
    line("Not measured");
    report.notMeasured().forEach(reason -> line("  - %s", reason));
    return out.toString();
  }

  private void ceiling(String source, String work, CeilingBench.Result r) {
    row(source + ": " + work, perSecond(r.ceiling().eventsPerSecond()), "", "", "");
    row(
        source + ": RecordDecoder + RuleSet.matching",
        perSecond(r.tocsin().eventsPerSecond()),
        "",
        "",
        "");
    row(
        source + ": ratio to ceiling",
        String.format(Locale.ROOT, "%.2f", r.ratio()),
        String.format(Locale.ROOT, ">= %.2f", BenchReport.TARGET_CEILING_RATIO),
        met(r.ratio() >= BenchReport.TARGET_CEILING_RATIO),
        load(r.tocsin().loadAverage()));
  }

  private void ingestHop(String source, IngestHopBench.Result r) {
    row(
        source + ": RecordDecoder alone (decode ceiling)",
        perSecond(r.decode().eventsPerSecond()),
        "",
        "",
        "");
    row(
        source + ": processRecords to acknowledged + checkpointed",
        perSecond(r.ingest().eventsPerSecond()),
        "",
        "",
        load(r.ingest().loadAverage()));
    row(
        source + ": ratio to decode ceiling",
        String.format(Locale.ROOT, "%.2f", r.ratio()),
        "",
        "",
        "");
  }

  private void scaling(String source, RuleScalingBench.Result r) {
    String sizes =
        r.rates().keySet().stream().map(Object::toString).collect(Collectors.joining(" / "));
    String nanos =
        r.rates().values().stream()
            .map(rate -> count(Math.round(rate.nanosPerEvent())))
            .collect(Collectors.joining(" / "));
    row(source + ": " + sizes + " rules", nanos + " ns", "", "", "");
    Rate last = BenchReport.last(r);
    row(
        source + ": cost of 1000 rules / cost of 10",
        String.format(Locale.ROOT, "%.2fx", r.growth()),
        String.format(Locale.ROOT, "<= %.1fx", BenchReport.TARGET_RULE_GROWTH),
        met(r.growth() <= BenchReport.TARGET_RULE_GROWTH),
        load(last.loadAverage()));
  }

  private void endToEnd(EndToEndBench.Result e) {
    line(
        "End to end: tocsin run at -Xmx%s in a child JVM, in-process broker, exactly_once_v2",
        e.memory().heapLimit());
    throughput("logs", e.logs(), BenchReport.TARGET_LOGS_PER_SECOND);
    throughput("cloudtrail", e.cloudTrail(), BenchReport.TARGET_CLOUDTRAIL_PER_SECOND);
    for (LatencyProbe.Result l : e.latency()) {
      row(
          String.format(
              Locale.ROOT,
              "latency p50 / p99 at %s ev/s: %s",
              count(l.eventsPerSecond()),
              l.leg().replace('_', ' ')),
          String.format(Locale.ROOT, "%.0f / %.0f ms", l.p50Millis(), l.p99Millis()),
          String.format(Locale.ROOT, "p99 <= %s ms", count((long) BenchReport.TARGET_P99_MILLIS)),
          met(l.arrived() == l.probes() && l.p99Millis() <= BenchReport.TARGET_P99_MILLIS),
          load(l.loadAverage()));
      line(
          "    %d of %d arrived, worst %.0f ms: %s",
          l.arrived(), l.probes(), l.maxMillis(), l.measuredTo());
    }
    EndToEndBench.Memory m = e.memory();
    row(
        "processor peak heap after GC / peak RSS",
        megabytes(m.peakHeapAfterGcBytes()) + " / " + megabytes(m.peakRssBytes()),
        "-Xmx" + m.heapLimit(),
        "",
        "");
    for (StoreSizes.Store s : e.stores()) {
      row(
          s.store() + " per 10,000 groups: content / changelog / SST",
          megabytes(BenchReport.per10k(s.contentBytes(), s.keys()))
              + " / "
              + megabytes(BenchReport.per10k(s.changelogBytes(), s.keys()))
              + " / "
              + megabytes(BenchReport.per10k(s.rocksDbBytes(), s.keys())),
          "",
          "",
          "");
    }
  }

  private void throughput(String source, SustainedRate.Result r, double target) {
    row(
        String.format(Locale.ROOT, "%s: sustained over %.0f s", source, r.seconds()),
        perSecond(r.eventsPerSecond()),
        ">= " + count(Math.round(target)),
        met(r.eventsPerSecond() >= target),
        load(r.loadAverage()));
    row(source + ": slowest 5 s of it", perSecond(r.slowestPerSecond()), "", "", "");
    row(
        source + ": processor CPU time per event",
        Double.isFinite(r.cpuMicrosPerEvent())
            ? String.format(Locale.ROOT, "%.2f us", r.cpuMicrosPerEvent())
            : "n/a",
        "",
        "",
        "");
  }

  private void row(String figure, String value, String target, String met, String load) {
    out.append(String.format(Locale.ROOT, ROW, figure, value, target, met, load));
  }

  private void line(String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private static String perSecond(double rate) {
    return count(Math.round(rate)) + " ev/s";
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String megabytes(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
  }

  private static String met(boolean met) {
    return met ? "yes" : "no";
  }

  private static String load(double load) {
    return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", load);
  }
}
