package io.tocsin.app.cli;

import io.tocsin.app.bench.Bench;
import io.tocsin.app.bench.BenchReport;
import io.tocsin.app.bench.BenchSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tocsin bench}: tocsin's performance figures on this machine, side by side. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Measure tocsin on this machine, on one generated corpus of Lambda, API",
      "Gateway and CloudTrail events: decode + match against the inflate + parse",
      "ceiling; matching cost with 10, 100 and 1,000 rules; end to end (in-process",
      "broker, exactly_once_v2, `tocsin run` in a child JVM at a heap limit) the",
      "sustained throughput, alert latency at 5,000 events/s, memory, store size.",
      "Prints a table, then every figure as one JSON line; progress on stderr.",
      "Run it on an otherwise idle machine: each figure shows the load average."
    },
    footer = {
      "",
      "Examples:",
      "  tocsin bench --quick        every figure, in under two minutes",
      "  tocsin bench                60 s end-to-end windows, about six minutes",
      "  tocsin bench --quick --no-end-to-end | tail -1 | jq .ceiling",
      "",
      "Exit status: 0 when every figure was measured (targets met or not),",
      "2 for bad options."
    })
public final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--quick", description = "short windows: the whole run in under two minutes")
  boolean quick;

  @Option(
      names = "--no-end-to-end",
      description = "skip the end-to-end part (broker and child processor)")
  boolean noEndToEnd;

  @Option(
      names = "--heap",
      paramLabel = "SIZE",
      defaultValue = "512m",
      description = "the processor's -Xmx, end to end (default: ${DEFAULT-VALUE})")
  String heap;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "7",
      description = "seed of the generated corpus (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws IOException {
    if (!heap.matches("\\d+[kKmMgG]")) {
      throw new UserException("--heap: expected a size such as 512m or 1g, got '" + heap + "'");
    }
    BenchSettings settings =
        quick ? BenchSettings.quick(seed, heap) : BenchSettings.full(seed, heap);
    if (noEndToEnd) {
      settings = settings.withoutEndToEnd();
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path workDir = Files.createTempDirectory("tocsin-bench");
    try {
      BenchReport report =
          Bench.run(
              settings,
              System.getProperty("java.class.path"),
              workDir,
              line -> err.println("bench: " + line));
      out.print(report.table());
      out.println(report.json());
      out.flush();
    } finally {
      delete(workDir);
    }
    return 0;
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(BenchCommand::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up " + dir, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a file held open by the exiting child; the temp directory is cleaned by the OS later
    }
  }
}
