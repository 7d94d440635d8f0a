package io.tocsin.app.bench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tocsin.app.TocsinMain;
import io.tocsin.config.ApiSettings;
import io.tocsin.config.DurationModule;
import io.tocsin.config.TocsinConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tocsin run --config FILE} in a child JVM: the processor measured alone (its heap limit,
 * its resident memory, its heap after each GC from the JVM's GC log) and the process a crash test
 * kills without a clean shutdown. Its output goes to {@code tocsin.log} in its work directory.
 */
public final class TocsinProcess implements AutoCloseable {

  private static final YAMLMapper CONFIG_WRITER =
      YAMLMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .addModule(new DurationModule())
          .build();

  /** A heap figure of a G1 or Parallel GC log line: {@code 120M->35M(512M)}. */
  private static final Pattern HEAP_CHANGE =
      Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  private final Process process;
  private final Path log;
  private final Path gcLog;

  private TocsinProcess(Process process, Path log, Path gcLog) {
    this.process = process;
    this.log = log;
    this.gcLog = gcLog;
  }

  /**
   * Writes {@code config} to {@code workDir/config.yaml} and starts {@code java JVM-OPTIONS -cp
   * CLASSPATH … run --config} on it, logging GC to {@code workDir/gc.log}, with {@code environment}
   * added to this process's and a generated API token.
   */
  public static TocsinProcess start(
      String classPath,
      List<String> jvmOptions,
      TocsinConfig config,
      Map<String, String> environment,
      Path workDir) {
    try {
      Files.createDirectories(workDir);
      Path file = workDir.resolve("config.yaml");
      CONFIG_WRITER.writeValue(file.toFile(), config);
      Path log = workDir.resolve("tocsin.log");
      Path gcLog = workDir.resolve("gc.log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-Xlog:gc:file=" + gcLog);
      command.addAll(
          List.of(
              "-cp", classPath, TocsinMain.class.getName(), "run", "--config", file.toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      builder.environment().put(config.api().tokenEnv(), "processor-" + UUID.randomUUID());
      Process process = builder.start();
      return new TocsinProcess(process, log, gcLog);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start tocsin run in " + workDir, e);
    }
  }

  /**
   * API settings for a processor on this machine: 127.0.0.1 on a port free now. Not port 0: its
   * clustered alert store advertises the port to its peers, so {@code tocsin run} refuses 0.
   */
  public static ApiSettings loopbackApi() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return ApiSettings.defaults().withAddress("127.0.0.1", socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /** Whether the process is running. */
  public boolean alive() {
    return process.isAlive();
  }

  /** Where its standard output and error go. */
  public Path log() {
    return log;
  }

  /** Kills it with SIGKILL, the way a node or the OOM killer would: no shutdown hook runs. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /**
   * Stops it with SIGTERM (its clean shutdown), or SIGKILL after {@code timeout}; returns the exit
   * status.
   */
  public int stop(Duration timeout) {
    process.destroy();
    if (!waitFor(timeout)) {
      kill();
    }
    return process.exitValue();
  }

  /** Its peak resident set size ({@code VmHWM}) so far, in bytes; -1 once it has exited. */
  public long peakRssBytes() {
    return Machine.peakRssBytes(Machine.statusOf(process.pid()));
  }

  /** Its CPU time so far (user + system, every thread) in nanoseconds; -1 where unknown. */
  public long cpuNanos() {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  /** The largest heap occupancy right after a GC so far, in bytes; 0 before the first GC. */
  public long peakHeapAfterGcBytes() {
    long peak = 0;
    try {
      for (String line : Files.readAllLines(gcLog)) {
        Matcher m = HEAP_CHANGE.matcher(line);
        if (m.find()) {
          peak = Math.max(peak, bytes(m.group(3), m.group(4)));
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return peak;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop(Duration.ofSeconds(30));
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static long bytes(String number, String unit) {
    long n = Long.parseLong(number);
    return switch (unit) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      default -> n << 30;
    };
  }
}
