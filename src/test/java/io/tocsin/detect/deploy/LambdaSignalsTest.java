package io.tocsin.detect.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.app.bench.Corpus;
import io.tocsin.model.LogEvent;
import io.tocsin.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The watch's look at undecoded log values: every line the tally counts gets through, the START,
 * END and output lines of the sample traffic do not, and what it cannot read gets through.
 */
class LambdaSignalsTest {

  private static byte[] bytesOf(LogEvent event) {
    return Topics.LOGS.valueSerde().serializer().serialize("t", event);
  }

  private static boolean counted(LogEvent event) {
    LambdaLines lines = new LambdaLines(event.logGroup(), 0);
    lines.add(event.message(), event.timestamp());
    return lines.counted();
  }

  @Test
  void shouldLetThroughEveryCountedLineOfTheSampleTrafficAndDropTheRest() {
    int counted = 0;
    int dropped = 0;
    for (LogEvent e : Corpus.generate(11, 20_000, 0, Instant.EPOCH).logs()) {
      boolean kept = LambdaSignals.mayCarry(bytesOf(e));
      if (counted(e)) {
        counted++;
        assertThat(kept).as("a counted line dropped: " + e.message()).isTrue();
      } else if (!kept) {
        dropped++;
      }
    }
    assertThat(counted).as("REPORT and failure lines").isGreaterThan(3_000);
    assertThat(dropped).as("START, END and output lines").isGreaterThan(14_000);
  }

  @Test
  void shouldFindEveryFailureTermAnywhereInTheMessage() {
    for (String term : LambdaLines.FAILURE_TERMS) {
      LogEvent line =
          new LogEvent(
              "111122223333",
              "/aws/lambda/orders-api",
              "2026/12/06/[$LATEST]abc",
              "1",
              0,
              "2026-12-06T23:00:00Z\t4f1c\tsomething went wrong: " + term + " \"quoted\"",
              null);
      assertThat(LambdaSignals.mayCarry(bytesOf(line))).as(term).isTrue();
    }
  }

  @Test
  void shouldLetThroughWhatItCannotRead() {
    byte[] spaced = "{\"message\" : \"START RequestId\"}".getBytes(StandardCharsets.UTF_8);
    byte[] start = "{\"message\":\"START RequestId\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(LambdaSignals.mayCarry(spaced)).isTrue();
    assertThat(LambdaSignals.mayCarry(start)).isFalse();
    assertThat(LambdaSignals.mayCarry(null)).isFalse();
  }
}
