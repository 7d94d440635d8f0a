package io.tocsin.detect.deploy;

import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded Lambda traffic of one function: per invocation the lines the watch counts (the failure
 * line, then REPORT with its duration), half of the failures timeouts at 3 s as in the sample
 * traffic, the others {@code ERROR Invoke Error} lines.
 */
final class LambdaTraffic {

  private static final SourcePosition SOURCE = SourcePosition.file("generated", 0);

  private final Random random;
  private final String function;
  private long sequence;

  LambdaTraffic(String function, long seed) {
    this.function = function;
    this.random = new Random(seed);
  }

  String logGroup() {
    return "/aws/lambda/" + function;
  }

  /**
   * The lines of {@code perSecond} invocations (a fractional rate yields its share over seconds) in
   * the second starting at {@code second}, each failing with probability {@code failureRate}.
   */
  List<LogEvent> second(Instant second, double perSecond, double failureRate) {
    int count = (int) perSecond + (random.nextDouble() < perSecond - (int) perSecond ? 1 : 0);
    List<LogEvent> lines = new ArrayList<>(count * 2);
    long[] ends = new long[count];
    for (int i = 0; i < count; i++) {
      ends[i] = second.toEpochMilli() + random.nextInt(1000);
    }
    java.util.Arrays.sort(ends);
    for (long end : ends) {
      String requestId = Long.toHexString(random.nextLong());
      boolean fails = random.nextDouble() < failureRate;
      boolean timesOut = fails && random.nextBoolean();
      double millis = timesOut ? 3000.0 : 20 + random.nextInt(400) + random.nextDouble();
      if (timesOut) {
        lines.add(line(end, requestId + " Task timed out after 3.00 seconds"));
      } else if (fails) {
        lines.add(
            line(
                end,
                requestId
                    + "\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\",\"errorMessage\":\"x\"}"));
      }
      lines.add(
          line(
              end,
              String.format(
                  Locale.ROOT,
                  "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: 128 MB\t",
                  requestId,
                  millis,
                  (long) Math.ceil(millis))));
    }
    return lines;
  }

  private LogEvent line(long at, String message) {
    return new LogEvent(
        DeployFixtures.ACCOUNT,
        logGroup(),
        "stream",
        Long.toString(++sequence),
        at,
        message,
        SOURCE);
  }
}
