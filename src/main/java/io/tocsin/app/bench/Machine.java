package io.tocsin.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the figures were measured on: CPU model and cores, the Java runtime, and the load average at
 * the moment of each figure, since a loaded machine makes every figure smaller.
 *
 * @param cpu the CPU model from {@code /proc/cpuinfo}
 * @param cores processors available to the JVM
 * @param java the Java runtime version and vendor
 */
public record Machine(String cpu, int cores, String java) {

  private static final Path CPUINFO = Path.of("/proc/cpuinfo");
  private static final Path LOADAVG = Path.of("/proc/loadavg");

  /** This machine. */
  public static Machine current() {
    return new Machine(
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")");
  }

  /** The one-minute load average, or -1 where {@code /proc/loadavg} is missing. */
  public static double loadAverage() {
    try {
      String line = Files.readString(LOADAVG).trim();
      return Double.parseDouble(line.substring(0, line.indexOf(' ')));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * The peak resident set size ({@code VmHWM}) of the process whose {@code status} file is {@code
   * statusFile}, in bytes; -1 where it cannot be read.
   */
  public static long peakRssBytes(Path statusFile) {
    try {
      for (String line : Files.readAllLines(statusFile)) {
        if (line.startsWith("VmHWM:")) {
          String kb = line.substring("VmHWM:".length()).trim().split("\\s+")[0];
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** The {@code /proc} status file of process {@code pid}. */
  public static Path statusOf(long pid) {
    return Path.of("/proc", Long.toString(pid), "status");
  }

  private static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(CPUINFO);
      for (String line : lines) {
        if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux: fall back to what the JVM knows
    }
    return System.getProperty("os.arch");
  }
}
