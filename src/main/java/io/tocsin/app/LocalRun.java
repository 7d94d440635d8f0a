package io.tocsin.app;

import io.tocsin.app.ops.Telemetry;
import io.tocsin.config.HeartbeatSettings;
import io.tocsin.config.KafkaSettings;
import io.tocsin.config.KinesisSettings;
import io.tocsin.config.NotifySettings;
import io.tocsin.config.PagerDutySettings;
import io.tocsin.config.ReceiverSettings;
import io.tocsin.config.RouteSettings;
import io.tocsin.config.TocsinConfig;
import io.tocsin.emulators.LocalKinesis;
import io.tocsin.kafka.EmbeddedKafkaBroker;
import io.tocsin.notify.pagerduty.LocalPagerDuty;
import io.tocsin.sample.KinesisTrafficPump;
import io.tocsin.sample.SampleTraffic;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code tocsin local} runs, started in data-flow order and closed in reverse: the
 * in-process Kafka broker, the Kinesis and DynamoDB emulators, a PagerDuty stand-in, the {@link
 * Pipeline} reading Kinesis with the real KCL and paging the stand-in, seeded sample traffic put on
 * Kinesis, and the alert console.
 */
public final class LocalRun implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);
  private static final String STREAM = "tocsin-local";
  private static final String ROUTING_KEY_ENV = "TOCSIN_LOCAL_PAGERDUTY_KEY";

  /** Without configured heartbeats, local mode watches the sample API's log group. */
  private static final HeartbeatSettings DEMO_HEARTBEAT =
      new HeartbeatSettings(
          "sample-api-logs", "logs", "/aws/apigateway/orders-prod", Duration.ofMinutes(2), "high");

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private KinesisTrafficPump pump;
  private AlertConsole console;
  private long lastEvents;

  private LocalRun(PrintStream out) {
    this.out = out;
  }

  /** Starts everything; on failure, closes what had started and rethrows. */
  public static LocalRun start(
      TocsinConfig config, Path dataDir, int rate, long seed, int port, PrintStream out) {
    LocalRun run = new LocalRun(out);
    try {
      run.startAll(config, dataDir, rate, seed, port);
      return run;
    } catch (RuntimeException e) {
      run.close();
      throw e;
    }
  }

  private void startAll(TocsinConfig config, Path dataDir, int rate, long seed, int port) {
    String token =
        System.getenv().getOrDefault(config.api().tokenEnv(), "local-" + UUID.randomUUID());
    out.println("starting the in-process Kafka broker (data: " + dataDir.toAbsolutePath() + ")");
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"));
    started.push(broker);
    out.printf("broker ready on %s in %d ms%n", broker.bootstrapServers(), broker.startMillis());

    long t0 = System.nanoTime();
    LocalKinesis aws = LocalKinesis.start();
    started.push(aws);
    aws.kinesis().createStream(STREAM, 2);
    KinesisSettings kinesis = aws.settings("tocsin-local", "local-worker", List.of(STREAM));
    aws.prepare(kinesis);
    out.printf(
        "Kinesis and DynamoDB emulators ready in %d ms (stream %s, 2 shards)%n",
        (System.nanoTime() - t0) / 1_000_000, STREAM);

    LocalPagerDuty pagerDuty = LocalPagerDuty.start(out::println, Clock.systemUTC());
    started.push(pagerDuty);
    out.println("local PagerDuty stand-in on " + pagerDuty.eventsUrl());

    Telemetry telemetry = new Telemetry();
    started.push(telemetry);
    KafkaSettings kafka =
        config.kafka().withCluster(broker.bootstrapServers(), dataDir.resolve("state").toString());
    TocsinConfig local =
        new TocsinConfig(
            kafka,
            kinesis,
            config.rules(),
            config.heartbeats().isEmpty() ? List.of(DEMO_HEARTBEAT) : config.heartbeats(),
            config.delivery().receivers().isEmpty() ? pagesTo(pagerDuty) : config.delivery(),
            config.api().withAddress("127.0.0.1", port),
            config.logging());
    Pipeline pipeline =
        Pipeline.start(
            local,
            telemetry,
            Map.of(ROUTING_KEY_ENV, LocalPagerDuty.ROUTING_KEY, local.api().tokenEnv(), token),
            out::println);
    out.printf("web console: http://127.0.0.1:%d/  (API token: %s)%n", pipeline.port(), token);
    started.push(pipeline);

    console =
        new AlertConsole(
            pipeline.clients().consumer("tocsin-local-console", "local-console"), out, startNanos);
    console.start();
    started.push(console);

    pump =
        new KinesisTrafficPump(
            new SampleTraffic(seed, rate, Clock.systemUTC().instant()),
            aws.kinesis().client(),
            STREAM,
            Clock.systemUTC());
    pump.start();
    started.push(pump);
    out.printf(
        "sample traffic on Kinesis: %d Lambda invocations/s (+ API Gateway access logs, "
            + "CloudTrail events via EventBridge), seed %d%n",
        rate, seed);
  }

  /** Without configured receivers, pages for high and critical alerts go to the local stand-in. */
  private static NotifySettings pagesTo(LocalPagerDuty pagerDuty) {
    ReceiverSettings oncall =
        new ReceiverSettings(
            "local-pagerduty",
            new PagerDutySettings(ROUTING_KEY_ENV, pagerDuty.eventsUrl().toString(), null),
            null,
            null,
            null,
            null);
    RouteSettings route =
        new RouteSettings(
            List.of(),
            "",
            false,
            List.of(
                new RouteSettings(
                    List.of("severity=~critical|high"), oncall.name(), false, List.of())));
    return new NotifySettings(route, List.of(oncall), null);
  }

  /** Prints the one-line summary: events in since start and per second since last call. */
  public void printSummary(long intervalMillis) {
    long events = pump.accepted();
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
        pump.failed() > 0 ? " | put failures " + pump.failed() : "");
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
