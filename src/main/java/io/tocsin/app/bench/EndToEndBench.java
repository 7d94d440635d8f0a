package io.tocsin.app.bench;

import io.tocsin.app.bench.FloodProducer.Payload;
import io.tocsin.config.KafkaSettings;
import io.tocsin.config.KinesisSettings;
import io.tocsin.config.NotifySettings;
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
 * alert latency at a steady rate, incident-store size; then the processor's memory is read.
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
   * @param storeKeys incidents opened for the state-store figure
   * @param heap the processor's {@code -Xmx}
   * @param classPath the class path the processor is started with
   */
  record Settings(
      Duration warmup,
      Duration window,
      Duration latencyWindow,
      int latencyRate,
      int probesPerSecond,
      int storeKeys,
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
   * The incident store's size.
   *
   * @param store the store measured
   * @param keys incidents opened
   * @param changelogBytes growth of its changelog topic on the broker
   * @param rocksDbBytes its RocksDB data files after a clean stop
   */
  record StateStore(String store, int keys, long changelogBytes, long rocksDbBytes) {}

  /** Every end-to-end figure. */
  record Result(
      SustainedRate.Result logs,
      SustainedRate.Result cloudTrail,
      LatencyProbe.Result latency,
      Memory memory,
      StateStore stateStore) {}

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
      TocsinConfig config =
          new TocsinConfig(
              kafka,
              KinesisSettings.defaults(),
              RulesSettings.defaults(),
              List.of(),
              NotifySettings.defaults(),
              TocsinProcess.loopbackApi());
      try (TocsinProcess processor =
              TocsinProcess.start(
                  s.classPath(), List.of("-Xmx" + s.heap()), config, dir.resolve("processor"));
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
        SustainedRate sustained = new SustainedRate(clients, progress, alive);
        SustainedRate.Result logRate =
            sustained.measure(Topics.LOGS.name(), logs, s.warmup(), s.window(), 100_000);
        SustainedRate.Result trailRate =
            sustained.measure(Topics.CLOUDTRAIL.name(), trail, s.warmup(), s.window(), 30_000);
        LatencyProbe.Result latency =
            new LatencyProbe(clients, rules, logs)
                .run(
                    new CommittedAlerts(clients),
                    s.latencyRate(),
                    s.probesPerSecond(),
                    s.latencyWindow(),
                    Duration.ofSeconds(15));
        sustained.drain(Topics.LOGS.name());
        IncidentStoreSize store = new IncidentStoreSize(clients, progress, rules, DETECT);
        long changelog = store.openIncidents(s.storeKeys(), Duration.ofMinutes(2));
        Memory memory =
            new Memory(s.heap(), processor.peakHeapAfterGcBytes(), processor.peakRssBytes());
        processor.stop(Duration.ofSeconds(30));
        return new Result(
            logRate,
            trailRate,
            latency,
            memory,
            new StateStore(
                IncidentStoreSize.STORE, s.storeKeys(), changelog, store.rocksDbBytes(stateDir)));
      }
    }
  }
}
