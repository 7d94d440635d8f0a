package io.tocsin.app.cli;

import io.tocsin.app.LocalRun;
import io.tocsin.config.ConfigLoader;
import io.tocsin.config.Durations;
import io.tocsin.config.TocsinConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code tocsin local}: the whole pipeline on this machine with sample traffic, until Ctrl-C. */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Run everything on this machine with sample traffic.",
      "Starts an in-process Kafka broker, the pipeline and seeded sample traffic (Lambda,",
      "API Gateway, CloudTrail); prints each alert as it is raised and a summary line every",
      "5 seconds. Ctrl-C stops everything cleanly."
    },
    footer = {
      "",
      "Examples:",
      "  tocsin local                     run until Ctrl-C, keeping data in ./local-data",
      "  tocsin local --fresh --for 2m    start from empty topics, stop after two minutes",
      "  tocsin local --rate 500          ten times the default traffic"
    })
public final class LocalCommand implements Callable<Integer> {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML configuration (optional; kafka.bootstrap_servers is ignored here)")
  Path config;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "local-data",
      description = "where the broker and state stores keep data (default: ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--fresh", description = "delete the data directory first")
  boolean fresh;

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "50",
      description = "sample Lambda invocations per second (default: ${DEFAULT-VALUE})")
  int rate;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "seed of the sample traffic (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description =
          "port of the web console, API, /health and /metrics (default: ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      description = "stop after this long, e.g. 90s or 5m (default: until Ctrl-C)")
  String runFor;

  @Override
  public Integer call() throws Exception {
    if (rate < 1 || rate > 100_000) {
      throw new UserException("--rate: expected 1 to 100000 invocations per second, got " + rate);
    }
    Duration limit = runFor == null ? null : Durations.parse("--for", runFor);
    TocsinConfig cfg = ConfigLoader.load(config, System.getenv());
    if (fresh) {
      deleteRecursively(dataDir);
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    onStopSignals(stop);
    // Any other JVM exit (e.g. SIGHUP) runs hooks and then exits: this one waits for the stop.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.countDown();
                  awaitQuietly(stopped);
                },
                "tocsin-local-stop"));
    try (LocalRun run =
        LocalRun.start(cfg, dataDir, rate, seed, port, System.out, stop::countDown)) {
      long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
      while (!stop.await(5, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
        run.printSummary(5000);
      }
      return run.emulatorExit().isPresent() ? 1 : 0;
    } finally {
      stopped.countDown();
    }
  }

  /**
   * Ctrl-C and SIGTERM ask the run to stop instead of exiting the JVM, so tocsin stops in order
   * (the emulators, in their own session, last) and exits 0; a second one exits at once.
   */
  private static void onStopSignals(CountDownLatch stop) {
    for (String name : List.of("INT", "TERM")) {
      Signal.handle(
          new Signal(name),
          signal -> {
            if (stop.getCount() == 0) {
              System.exit(128 + signal.getNumber());
            }
            System.out.println("stopping (again to force)");
            stop.countDown();
          });
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
