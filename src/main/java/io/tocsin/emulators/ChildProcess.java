package io.tocsin.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulator running as a child process: started with its output in a temporary log file, ready
 * once its ports accept connections, stopped by PID with SIGKILL (kinesis-local ignores SIGTERM)
 * and only considered stopped once its ports are free again. A JVM shutdown hook kills it if the
 * owner never does (the JVM exits on an error, a signal it does not handle, a second Ctrl-C); it
 * first gives the owner {@link #OWNER_GRACE} to stop it in order (shutdown hooks run concurrently,
 * and the KCL must stop before its emulators do).
 */
final class ChildProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PORT_FREE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration OWNER_GRACE = Duration.ofSeconds(6);

  private final String name;
  private final Process process;
  private final List<Integer> ports;
  private final Path log;
  private final Thread killer;
  private volatile boolean closing;

  private ChildProcess(String name, Process process, List<Integer> ports, Path log) {
    this.name = name;
    this.process = process;
    this.ports = ports;
    this.log = log;
    this.killer = new Thread(this::killUnlessStoppedInTime, "kill-" + name);
    Runtime.getRuntime().addShutdownHook(killer);
  }

  private void killUnlessStoppedInTime() {
    try {
      process.waitFor(OWNER_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
  }

  /** How to launch an emulator once its ports are chosen. */
  record Launch(List<String> command, Path workDir, Map<String, String> env) {}

  /**
   * Picks {@code portCount} free ports, launches {@code launch.apply(ports)} and waits until all
   * ports accept connections. A port taken by someone else between picking and binding makes the
   * emulator exit: then it is tried again on new ports, up to three times.
   */
  static ChildProcess start(String name, int portCount, Function<List<Integer>, Launch> launch) {
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      List<Integer> ports = IntStream.range(0, portCount).mapToObj(i -> freePort()).toList();
      try {
        return start(name, launch.apply(ports), ports);
      } catch (IllegalStateException e) {
        LOG.warn("{} did not start on {} (attempt {}): {}", name, ports, attempt, e.getMessage());
        last = e;
      }
    }
    throw last;
  }

  private static ChildProcess start(String name, Launch launch, List<Integer> ports) {
    long t0 = System.nanoTime();
    try {
      Path log = Files.createTempFile("tocsin-" + name + "-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(launch.command())
              .directory(launch.workDir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(launch.env());
      ChildProcess child = new ChildProcess(name, builder.start(), ports, log);
      child.awaitReady();
      LOG.info(
          "{} (pid {}) ready on 127.0.0.1:{} in {} ms",
          name,
          child.pid(),
          ports,
          (System.nanoTime() - t0) / 1_000_000);
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " with " + launch.command(), e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** The ports it listens on, in the order the launch was given them. */
  List<Integer> ports() {
    return ports;
  }

  /**
   * Calls {@code listener} once, with "NAME (pid N) exited with status S", if the process ends
   * before {@link #close()} was called.
   */
  void onUnexpectedExit(Consumer<String> listener) {
    process
        .onExit()
        .thenAccept(
            p -> {
              if (!closing) {
                listener.accept(
                    name + " (pid " + p.pid() + ") exited with status " + p.exitValue());
              }
            });
  }

  /** Kills the process by PID and waits until it has exited and its ports are free. */
  @Override
  public void close() {
    closing = true;
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(PORT_FREE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      long deadline = System.nanoTime() + PORT_FREE_TIMEOUT.toNanos();
      while (ports.stream().anyMatch(ChildProcess::accepting) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: nothing left to undo
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      LOG.debug("cannot delete {}", log, e);
    }
    LOG.info("{} (pid {}) stopped", name, process.pid());
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!ports.stream().allMatch(ChildProcess::accepting)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String why =
            process.isAlive()
                ? "did not listen on " + ports + " within " + READY_TIMEOUT
                : "exited with " + process.exitValue() + " before listening";
        String output = tail();
        close();
        throw new IllegalStateException(name + " " + why + "; its output: " + output);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while starting " + name, e);
      }
    }
  }

  private String tail() {
    try {
      String text = Files.readString(log);
      return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static boolean accepting(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
