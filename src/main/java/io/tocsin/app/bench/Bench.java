package io.tocsin.app.bench;

import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code tocsin bench}: generates one corpus and measures, side by side, the detection work against
 * its ceiling, matching cost as the rule pack grows, and (unless turned off) the ingest hop from
 * Kinesis records to acknowledged Kafka batches and the end-to-end throughput, latency, memory and
 * state-store figures of the processor.
 */
public final class Bench {

  private Bench() {}

  /**
   * Runs every part under {@code settings}, reporting progress to {@code progress}; the processor
   * of the end-to-end part is started with {@code classPath}, and its data kept under {@code
   * workDir}.
   */
  public static BenchReport run(
      BenchSettings settings, String classPath, Path workDir, Consumer<String> progress) {
    Machine machine = Machine.current();
    progress.accept(
        "generating the corpus: "
            + settings.logEvents()
            + " log events, "
            + settings.cloudTrailEvents()
            + " CloudTrail events (seed "
            + settings.seed()
            + ")");
    Corpus corpus =
        Corpus.generate(
            settings.seed(),
            settings.logEvents(),
            settings.cloudTrailEvents(),
            Instant.now().truncatedTo(ChronoUnit.SECONDS));
    RuleSet defaults = RuleLoader.load(List.of(), true);
    Rounds rounds = new Rounds(settings.warmup(), settings.slice(), settings.rounds());

    progress.accept(
        "ceiling: inflate + parse against decode + match, " + defaults.size() + " rules");
    CeilingBench ceiling = new CeilingBench(corpus, defaults);
    CeilingBench.Result logsCeiling = ceiling.logs(rounds);
    CeilingBench.Result trailCeiling = ceiling.cloudTrail(rounds);

    progress.accept("rule scaling: " + RuleScalingBench.SIZES + " generated rules");
    RuleScalingBench scaling = new RuleScalingBench(corpus, workDir.resolve("rules"));
    RuleScalingBench.Result logsScaling = scaling.logs(rounds);
    RuleScalingBench.Result trailScaling = scaling.cloudTrail(rounds);

    IngestHopBench.Results ingestHop = null;
    EndToEndBench.Result endToEnd = null;
    if (settings.endToEnd()) {
      progress.accept(
          "ingest hop: Kinesis records through the KCL record processor to acknowledged batches,"
              + " in-process broker");
      ingestHop = IngestHopBench.run(corpus, rounds, workDir.resolve("ingest"));
      progress.accept(
          "end to end: in-process broker, tocsin run at -Xmx"
              + settings.heap()
              + " in a child JVM; "
              + settings.e2eWindow().toSeconds()
              + " s per throughput window");
      endToEnd =
          EndToEndBench.run(
              corpus,
              defaults,
              new EndToEndBench.Settings(
                  settings.e2eWarmup(),
                  settings.e2eWindow(),
                  settings.latencyWindow(),
                  BenchSettings.LATENCY_RATE,
                  BenchSettings.PROBES_PER_SECOND,
                  settings.storeGroups(),
                  settings.heap(),
                  classPath),
              workDir.resolve("e2e"));
    }
    return new BenchReport(
        settings.mode(),
        machine,
        new BenchReport.CorpusSummary(
            corpus.logs().size(),
            corpus.logRecords().size(),
            corpus.logRecordBytes(),
            corpus.cloudTrail().size(),
            defaults.size()),
        logsCeiling,
        trailCeiling,
        logsScaling,
        trailScaling,
        ingestHop,
        endToEnd);
  }
}
