package io.tocsin.app;

import io.tocsin.config.Durations;
import io.tocsin.config.HeartbeatSettings;
import io.tocsin.config.KafkaSettings;
import io.tocsin.config.TocsinConfig;
import io.tocsin.detect.DetectionTopology;
import io.tocsin.detect.HeartbeatDetector;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.StreamsService;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.sample.SampleTraffic;
import io.tocsin.sample.TrafficPump;
import io.tocsin.topics.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.StreamsBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code tocsin local} runs, started in data-flow order and closed in reverse: the
 * in-process broker, the topics, the pipeline, the sample traffic and the alert console.
 */
public final class LocalRun implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);

  /** Without configured heartbeats, local mode watches the sample API's log group. */
  private static final HeartbeatSettings DEMO_HEARTBEAT =
      new HeartbeatSettings(
          "sample-api-logs", "logs", "/aws/apigateway/orders-prod", Duration.ofMinutes(2), "high");

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private TrafficPump pump;
  private AlertConsole console;
  private long lastEvents;

  private LocalRun(PrintStream out) {
    this.out = out;
  }

  /** Starts everything; on failure, closes what had started and rethrows. */
  public static LocalRun start(
      TocsinConfig config, Path dataDir, int rate, long seed, PrintStream out) {
    LocalRun run = new LocalRun(out);
    try {
      run.startAll(config, dataDir, rate, seed);
      return run;
    } catch (RuntimeException e) {
      run.close();
      throw e;
    }
  }

  private void startAll(TocsinConfig config, Path dataDir, int rate, long seed) {
    out.println("starting the in-process Kafka broker (data: " + dataDir.toAbsolutePath() + ")");
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"));
    started.push(broker);
    out.printf("broker ready on %s in %d ms%n", broker.bootstrapServers(), broker.startMillis());

    KafkaSettings kafka =
        config.kafka().withCluster(broker.bootstrapServers(), dataDir.resolve("state").toString());
    KafkaClients clients = new KafkaClients(kafka);
    new TopicProvisioner(clients).ensure(Topics.ALL);
    out.println("topics ready: " + Topics.ALL);

    RuleSet rules = RuleLoader.load(config.rules().paths(), config.rules().includeDefaults());
    StreamsService detection =
        new StreamsService("detect", DetectionTopology.build(rules), clients.streams("detect"));
    detection.start();
    started.push(detection);
    out.printf("detection running with %d rules%n", rules.size());

    List<HeartbeatSettings> heartbeats =
        config.heartbeats().isEmpty() ? List.of(DEMO_HEARTBEAT) : config.heartbeats();
    StreamsBuilder watch = new StreamsBuilder();
    HeartbeatDetector.build(watch, heartbeats);
    StreamsService heartbeat =
        new StreamsService("heartbeat", watch.build(), clients.streams("heartbeat"));
    heartbeat.start();
    started.push(heartbeat);
    out.println(
        "heartbeats watching: "
            + heartbeats.stream()
                .map(h -> h.key() + " (" + Durations.format(h.absentFor()) + ")")
                .toList());

    console =
        new AlertConsole(
            clients.consumer("tocsin-local-console", "local-console"), out, startNanos);
    console.start();
    started.push(console);

    pump =
        new TrafficPump(
            new SampleTraffic(seed, rate, Clock.systemUTC().instant()),
            clients.producer("local-sample-traffic"),
            Clock.systemUTC());
    pump.start();
    started.push(pump);
    out.printf(
        "sample traffic: %d Lambda invocations/s (+ API Gateway access logs, CloudTrail events), "
            + "seed %d%n",
        rate, seed);
  }

  /** Prints the one-line summary: events in since start and per second since last call. */
  public void printSummary(long intervalMillis) {
    long events = pump.acknowledged();
    double perSecond = (events - lastEvents) * 1000.0 / intervalMillis;
    lastEvents = events;
    out.printf(
        Locale.ROOT,
        "[%4ds] events in %,d (%.0f/s) | alerts out %d firing, %d resolved%s%n",
        (System.nanoTime() - startNanos) / 1_000_000_000,
        events,
        perSecond,
        console.firing(),
        console.resolved(),
        pump.failed() > 0 ? " | send failures " + pump.failed() : "");
  }

  /** Closes in reverse start order (clients before the broker). */
  @Override
  public void close() {
    long t0 = System.nanoTime();
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("error while stopping {}: {}", part.getClass().getSimpleName(), e.toString());
      }
    }
    out.printf("stopped in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
  }
}
