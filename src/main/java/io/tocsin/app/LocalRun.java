package io.tocsin.app;

import io.tocsin.app.cli.TerminalText;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code tocsin local} runs, started in data-flow order and closed in reverse: the
 * Kinesis and DynamoDB emulators (so they stop last, after the KCL that uses them), the in-process
 * Kafka broker, a PagerDuty stand-in, the {@link Pipeline} reading Kinesis with the real KCL and
 * paging the stand-in, seeded sample traffic put on Kinesis, and the alert and verdict consoles. An
 * emulator that exits on its own is named once and asks the owner to stop the run.
 */
public final class LocalRun implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);
  private static final String STREAM = "tocsin-local";
  private static final String ROUTING_KEY_ENV = "TOCSIN_LOCAL_PAGERDUTY_KEY";
  private static final String LEASE_LOCK_CLIENT =
      "com.amazonaws.services.dynamodbv2.AmazonDynamoDBLockClient";

  /** Without configured heartbeats, local mode watches the sample API's log group. */
  private static final HeartbeatSettings DEMO_HEARTBEAT =
      new HeartbeatSettings(
          "sample-api-logs", "logs", "/aws/apigateway/orders-prod", Duration.ofMinutes(2), "high");

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private KinesisTrafficPump pump;
  private AlertConsole console;
  private VerdictConsole verdicts;
  private long lastEvents;
  private final AtomicReference<String> emulatorExit = new AtomicReference<>();

  private LocalRun(PrintStream out) {
    this.out = out;
  }

  /**
   * Starts everything; on failure, closes what had started and rethrows. {@code stopRequest} runs
   * when an emulator exits on its own (the run cannot go on without it).
   */
  public static LocalRun start(
      TocsinConfig config,
      Path dataDir,
      int rate,
      long seed,
      int port,
      PrintStream out,
      Runnable stopRequest) {
    LocalRun run = new LocalRun(out);
    try {
      run.startAll(config, dataDir, rate, seed, port, stopRequest);
      return run;
    } catch (RuntimeException e) {
      run.close();
      throw e;
    }
  }

  private void startAll(
      TocsinConfig config, Path dataDir, int rate, long seed, int port, Runnable stopRequest) {
    String token = LocalApiToken.resolve(System.getenv(config.api().tokenEnv()), dataDir);
    long t0 = System.nanoTime();
    LocalKinesis aws = LocalKinesis.start();
    started.push(aws);
    aws.onUnexpectedExit(
        why -> {
          if (emulatorExit.compareAndSet(null, why)) {
            out.println(why + "; stopping");
            stopRequest.run();
          }
        });
    aws.kinesis().createStream(STREAM, 2);
    KinesisSettings kinesis = aws.settings("tocsin-local", "local-worker", List.of(STREAM));
    aws.prepare(kinesis);
    out.printf(
        "Kinesis and DynamoDB emulators ready on 127.0.0.1 in %d ms (stream %s, 2 shards)%n",
        (System.nanoTime() - t0) / 1_000_000, STREAM);

    out.println("starting the in-process Kafka broker (data: " + dataDir.toAbsolutePath() + ")");
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"));
    started.push(broker);
    out.printf("broker ready on %s in %d ms%n", broker.bootstrapServers(), broker.startMillis());

    LocalPagerDuty pagerDuty = LocalPagerDuty.start(this::printSafely, Clock.systemUTC());
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
            this::printSafely);
    out.printf("web console: http://127.0.0.1:%d/  (API token: %s)%n", pipeline.port(), token);
    started.push(pipeline);

    console =
        new AlertConsole(
            pipeline.clients().consumer("tocsin-local-console", "local-console"), out, startNanos);
    console.start();
    started.push(console);
    verdicts =
        new VerdictConsole(
            pipeline.clients().consumer("tocsin-local-verdicts", "local-verdicts"), out);
    verdicts.start();
    started.push(verdicts);

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
            + "CloudTrail events via EventBridge, orders-api deploys), seed %d%n",
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

  /** Prints a line that may carry event data (a page's summary), control characters escaped. */
  private void printSafely(String line) {
    out.println(TerminalText.safe(line));
  }

  /** Prints the one-line summary: events in since start and per second since last call. */
  public void printSummary(long intervalMillis) {
    long events = pump.accepted();
    double perSecond = (events - lastEvents) * 1000.0 / intervalMillis;
    lastEvents = events;
    out.printf(
        Locale.ROOT,
        "[%4ds] events in %,d (%.0f/s) | alerts out %d firing, %d resolved | deploy verdicts %d%s%n",
        (System.nanoTime() - startNanos) / 1_000_000_000,
        events,
        perSecond,
        console.firing(),
        console.resolved(),
        verdicts.verdicts(),
        pump.failed() > 0 ? " | put failures " + pump.failed() : "");
  }

  /**
   * Stopping the KCL interrupts its leader-lock calls to DynamoDB mid-flight, and the lock client
   * logs each as a warning with a stack trace; during a requested stop that says nothing.
   */
  private static void quietLeaseLockDuringStop() {
    if (LoggerFactory.getLogger(LEASE_LOCK_CLIENT) instanceof ch.qos.logback.classic.Logger lock) {
      lock.setLevel(ch.qos.logback.classic.Level.ERROR);
    }
  }

  /** What ended the run early: the emulator that exited on its own, if one did. */
  public Optional<String> emulatorExit() {
    return Optional.ofNullable(emulatorExit.get());
  }

  /** Closes in reverse start order: clients before the broker, the emulators last. */
  @Override
  public void close() {
    long t0 = System.nanoTime();
    quietLeaseLockDuringStop();
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
