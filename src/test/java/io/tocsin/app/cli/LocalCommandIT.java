package io.tocsin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.testing.ListeningSockets;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tocsin local} as a user runs it, in a child JVM: every port it opens (broker, emulators,
 * API, PagerDuty stand-in) is on loopback, and Ctrl-C (SIGINT to the JVM alone, as a terminal sends
 * it to the foreground process group the emulators are not in) stops it in order, quietly, with
 * "stopped in N ms" and exit 0, the emulators gone.
 */
class LocalCommandIT {

  private static final long START_TIMEOUT_SECONDS = 240;

  @TempDir Path dir;

  @Test
  void shouldListenOnLoopbackOnlyAndStopCleanlyOnCtrlC() throws Exception {
    Path output = dir.resolve("local.out");
    Process local = startLocal(output);
    try {
      awaitLine(local, output, "sample traffic on Kinesis");
      List<ListeningSockets.Listener> listeners = ListeningSockets.of(local.pid());
      List<ProcessHandle> emulators = local.descendants().toList();

      assertThat(listeners.size())
          .as("broker (2), emulators (3), API, PagerDuty")
          .isGreaterThanOrEqualTo(7);
      assertThat(listeners).allMatch(ListeningSockets.Listener::loopback, "on 127.0.0.1 only");
      assertThat(emulators).isNotEmpty();

      int before = Files.readAllLines(output).size();
      new ProcessBuilder("kill", "-INT", Long.toString(local.pid())).start().waitFor();

      awaitExit(local, output, before);
      List<String> after = Files.readAllLines(output).stream().skip(before).toList();
      assertThat(local.exitValue()).as(String.join("\n", after)).isZero();
      assertThat(after).anyMatch(line -> line.matches("stopped in \\d+ ms"));
      assertThat(after)
          .as("no stack traces while stopping")
          .noneMatch(line -> line.startsWith("\tat "));
      assertThat(after.size()).as("lines printed while stopping").isLessThan(60);
      assertThat(emulators).noneMatch(ProcessHandle::isAlive);
    } finally {
      local.descendants().forEach(ProcessHandle::destroyForcibly);
      local.destroyForcibly();
    }
  }

  @Test
  void shouldNameAKinesisEmulatorThatDiesOnceAndStopWithExitOne() throws Exception {
    Path output = dir.resolve("local.out");
    Process local = startLocal(output);
    try {
      awaitLine(local, output, "sample traffic on Kinesis");
      ProcessHandle kinesis =
          local
              .descendants()
              .filter(p -> p.info().commandLine().orElse("").endsWith(" main.js"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no kinesis-local process"));
      int before = Files.readAllLines(output).size();

      kinesis.destroyForcibly();

      awaitExit(local, output, before);
      List<String> after = Files.readAllLines(output).stream().skip(before).toList();
      assertThat(local.exitValue()).as(String.join("\n", after)).isEqualTo(1);
      assertThat(after)
          .as("named once")
          .filteredOn(line -> line.contains("exited with status"))
          .containsExactly(
              "kinesis-local (pid " + kinesis.pid() + ") exited with status 137; stopping");
      assertThat(after).anyMatch(line -> line.matches("stopped in \\d+ ms"));
      assertThat(after).as("no stack traces").noneMatch(line -> line.startsWith("\tat "));
      assertThat(after.size()).as("lines printed after the emulator died").isLessThan(60);
    } finally {
      local.descendants().forEach(ProcessHandle::destroyForcibly);
      local.destroyForcibly();
    }
  }

  /**
   * Waits up to 120 s for {@code local} to exit; if it does not, fails with what it printed since
   * line {@code before} and its threads' stacks, so a stop that hangs shows where.
   */
  private static void awaitExit(Process local, Path output, int before) throws Exception {
    if (local.waitFor(120, TimeUnit.SECONDS)) {
      return;
    }
    Process dump =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(local.pid()),
                "Thread.print")
            .redirectErrorStream(true)
            .start();
    String threads = new String(dump.getInputStream().readAllBytes());
    dump.waitFor(30, TimeUnit.SECONDS);
    throw new AssertionError(
        "still running 120 s after the stop began; printed since:\n"
            + String.join("\n", Files.readAllLines(output).stream().skip(before).toList())
            + "\nthreads:\n"
            + threads);
  }

  /**
   * Starts {@code tocsin local} in a child JVM, its output to {@code output}, with Ctrl-C's signal
   * at its default as in a terminal: a test run started in the background inherits SIGINT ignored,
   * and a JVM that starts with it ignored cannot take it back.
   */
  private Process startLocal(Path output) throws IOException {
    return new ProcessBuilder(
            "env",
            "--default-signal=INT",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            "io.tocsin.app.TocsinMain",
            "local",
            "--fresh",
            "--data-dir",
            dir.resolve("data").toString(),
            "--port",
            Integer.toString(freePort()),
            "--rate",
            "10")
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
  }

  /** A port free right now (the clustered alert store needs a fixed one, not 0). */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitLine(Process local, Path output, String text)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      if (Files.readString(output).contains(text)) {
        return;
      }
      if (!local.isAlive()) {
        throw new AssertionError(
            "tocsin local exited with " + local.exitValue() + ":\n" + Files.readString(output));
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "no '" + text + "' within " + START_TIMEOUT_SECONDS + " s:\n" + Files.readString(output));
  }
}
