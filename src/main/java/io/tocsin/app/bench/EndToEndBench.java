package io.tocsin.app.bench;

import io.tocsin.app.bench.FloodProducer.Payload;
import io.tocsin.config.KafkaSettings;
import io.tocsin.config.KinesisSettings;
import io.tocsin.config.LoggingSettings;
import io.tocsin.config.RulesSettings;
import io.tocsin.config.TocsinConfig;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.LogEvent;
import io.tocsin.rules.RuleSet;
import io.tocsin.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end figures: {@code tocsin run} (the production processor, default rule pack) in a
 * child JVM at a heap limit, against the in-process broker with exactly_once_v2. Input is produced
 * straight to {@code tocsin.logs.v1} and {@code tocsin.cloudtrail.v1} (the Kinesis emulator is far
 * too slow to feed it); the phases run one after another: sustained logs, sustained CloudTrail,
 * alert latency at a steady rate (to the committed alert, and to the page a PagerDuty stand-in
 * receives from the processor's notifier), state size per group; then the processor's memory.
 */
final class EndToEndBench {

  /** {@code kafka.application_id} of the processor; its detection group is this + "-detect". */
  static final String APPLICATION_ID = "tocsin-bench";

  private static final String DETECT = APPLICATION_ID + "-detect";

  /**
   * How long and how hard to run.
   *
   * @param warmup before each throughput window
   * @param window each throughput window
   * @param latencyWindow the latency phase
   * @param latencyRate input events per second during the latency phase
   * @param probesPerSecond breaching records per second during the latency phase
   * @param storeGroups Lambda log groups opened for the state-store figures
   * @param heap the processor's {@code -Xmx}
   * @param classPath the class path the processor is started with
   */
  record Settings(
      Duration warmup,
      Duration window,
      Duration latencyWindow,
      int latencyRate,
      int probesPerSecond,
      int storeGroups,
      String heap,
      String classPath) {}

  /**
   * The processor's memory over the whole run.
   *
   * @param heapLimit its {@code -Xmx}
   * @param peakHeapAfterGcBytes the largest heap occupancy right after a GC
   * @param peakRssBytes its peak resident set size ({@code VmHWM})
   */
  record Memory(String heapLimit, long peakHeapAfterGcBytes, long peakRssBytes) {}

  /**
   * Every end-to-end figure.
   *
   * @param logs sustained log events
   * @param cloudTrail sustained CloudTrail events
   * @param latency per leg: to the committed alert, to the page
   * @param memory the processor's memory
   * @param stores per store: its size for the groups the state phase opened
   */
  record Result(
      SustainedRate.Result logs,
      SustainedRate.Result cloudTrail,
      List<LatencyProbe.Result> latency,
      Memory memory,
      List<StoreSizes.Store> stores) {}

  private EndToEndBench() {}

  /** Runs every phase on {@code corpus}, keeping broker and processor data under {@code dir}. */
  static Result run(Corpus corpus, RuleSet rules, Settings s, Path dir) {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      Path stateDir = dir.resolve("state");
      KafkaSettings kafka =
          new KafkaSettings(
              broker.bootstrapServers(),
              Map.of(),
              3,
              1,
              APPLICATION_ID,
              stateDir.toString(),
              Duration.ofMillis(100),
              "bench");
      KafkaClients clients = new KafkaClients(kafka);
      new TopicProvisioner(clients).ensure(Topics.ALL);
      PagerDutyArrivals pages = new PagerDutyArrivals();
      TocsinConfig config =
          new TocsinConfig(
              kafka,
              KinesisSettings.defaults(),
              RulesSettings.defaults(),
              List.of(),
              pages.notifySettings(LatencyProbe.LOG_GROUP_PREFIX),
              TocsinProcess.loopbackApi(),
              LoggingSettings.defaults());
      try (pages;
          TocsinProcess processor =
              TocsinProcess.start(
                  s.classPath(),
                  List.of("-Xmx" + s.heap()),
                  config,
                  pages.environment(),
                  dir.resolve("processor"));
          GroupProgress progress = new GroupProgress(clients, DETECT)) {
        List<Payload> logs = FloodProducer.payloads(Topics.LOGS, corpus.logs(), LogEvent::logGroup);
        List<Payload> trail =
            FloodProducer.payloads(
                Topics.CLOUDTRAIL, corpus.cloudTrail(), CloudTrailEvent::account);
        Runnable alive =
            () -> {
              if (!processor.alive()) {
                throw new IllegalStateException(
                    "the processor exited; its output is in " + processor.log());
              }
            };
        SustainedRate sustained = new SustainedRate(clients, progress, alive, processor::cpuNanos);
        SustainedRate.Result logRate =
            sustained.measure(Topics.LOGS.name(), logs, s.warmup(), s.window(), 100_000);
        SustainedRate.Result trailRate =
            sustained.measure(Topics.CLOUDTRAIL.name(), trail, s.warmup(), s.window(), 30_000);
        List<LatencyProbe.Result> latency =
            new LatencyProbe(clients, rules, logs)
                .run(
                    List.of(new CommittedAlerts(clients), pages),
                    s.latencyRate(),
                    s.probesPerSecond(),
                    s.latencyWindow(),
                    Duration.ofSeconds(15));
        sustained.drain(Topics.LOGS.name());
        StoreSizes sizes = new StoreSizes(clients, progress, rules, DETECT);
        List<StoreSizes.Store> stores = sizes.openGroups(s.storeGroups(), Duration.ofMinutes(2));
        Memory memory =
            new Memory(s.heap(), processor.peakHeapAfterGcBytes(), processor.peakRssBytes());
        processor.stop(Duration.ofSeconds(30));
        return new Result(
            logRate,
            trailRate,
            latency,
            memory,
            stores.stream().map(store -> sizes.withRocksDb(store, stateDir)).toList());
      }
    }
  }
}
