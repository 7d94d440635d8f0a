package io.tocsin.testing;

import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded, reproducible Lambda traffic in the real line shapes of public Lambda log samples (START,
 * END, REPORT, and one failure line per failed invocation: a timeout, a Node.js Invoke Error, a
 * Runtime.ExitError or an out-of-memory), for failure-rate tests: no labelled real failure-rate
 * data exists. Invocations are evenly spaced; each fails with the given probability.
 */
public final class LambdaTraffic {

  /** The account the log groups belong to. */
  public static final String ACCOUNT = "123456789012";

  private final Random random;
  private long sequence;

  /** Traffic from {@code seed}. */
  public LambdaTraffic(long seed) {
    this.random = new Random(seed);
  }

  /**
   * The lines of {@code function}'s invocations from {@code start} for {@code duration}, {@code
   * perSecond} a second, each failing with probability {@code failureRate}; sorted by time.
   */
  public List<LogEvent> invocations(
      String function, Instant start, Duration duration, double perSecond, double failureRate) {
    List<LogEvent> lines = new ArrayList<>();
    long step = Math.round(1000 / perSecond);
    for (long t = start.toEpochMilli(); t < start.plus(duration).toEpochMilli(); t += step) {
      lines.addAll(invocation(function, t, random.nextDouble() < failureRate));
    }
    lines.sort(Comparator.comparingLong(LogEvent::timestamp));
    return lines;
  }

  /** Whether {@code line} is a failure line of this generator (the rule's numerator). */
  public static boolean isFailure(LogEvent line) {
    String m = line.message();
    return m.contains("Task timed out") || m.contains("ERROR") || m.contains("Runtime.ExitError");
  }

  /** Whether {@code line} is a REPORT line (the rule's denominator). */
  public static boolean isInvocation(LogEvent line) {
    return line.message().startsWith("REPORT RequestId");
  }

  private List<LogEvent> invocation(String function, long t, boolean fails) {
    String id = new UUID(random.nextLong(), random.nextLong()).toString();
    String group = "/aws/lambda/" + function;
    List<LogEvent> lines = new ArrayList<>(4);
    lines.add(line(group, t, "START RequestId: " + id + " Version: $LATEST"));
    long duration = 20 + random.nextInt(300);
    if (fails) {
      Instant at = Instant.ofEpochMilli(t + 15);
      switch (random.nextInt(4)) {
        case 0 -> {
          duration = 3000;
          lines.add(line(group, t + 3000, at + " " + id + " Task timed out after 3.00 seconds"));
        }
        case 1 ->
            lines.add(
                line(
                    group,
                    t + 15,
                    at
                        + "\t"
                        + id
                        + "\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\",\"errorMessage\":"
                        + "\"Cannot read properties of undefined (reading 'id')\"}"));
        case 2 ->
            lines.add(
                line(
                    group,
                    t + 15,
                    "RequestId: "
                        + id
                        + " Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n"));
        default ->
            lines.add(
                line(
                    group,
                    t + 15,
                    at
                        + " "
                        + id
                        + " FATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - JavaScript heap"
                        + " out of memory\n\n"));
      }
    }
    lines.add(line(group, t + duration, "END RequestId: " + id));
    lines.add(
        line(
            group,
            t + duration,
            String.format(
                Locale.ROOT,
                "REPORT RequestId: %s\tDuration: %d.00 ms\tBilled Duration: %d ms\tMemory Size: 128"
                    + " MB\tMax Memory Used: %d MB\t",
                id,
                duration,
                duration,
                60 + random.nextInt(60))));
    return lines;
  }

  private LogEvent line(String group, long millis, String message) {
    long id = ++sequence;
    return new LogEvent(
        ACCOUNT,
        group,
        "2026/11/26/[$LATEST]0123456789abcdef",
        Long.toString(id),
        millis,
        message,
        SourcePosition.kinesis("logs", "shardId-000000000000", Long.toString(id)));
  }
}
