package io.tocsin.detect.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.app.bench.Corpus;
import io.tocsin.model.LogEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The watch's first look at log lines: every line the tally counts gets through, the START, END and
 * output lines of the sample traffic do not.
 */
class LambdaSignalsTest {

  private static boolean counted(LogEvent event) {
    LambdaLines lines = new LambdaLines(event.logGroup(), 0);
    lines.add(event.message(), event.timestamp());
    return lines.counted();
  }

  @Test
  void shouldLetThroughExactlyTheCountedLinesOfTheSampleTraffic() {
    int counted = 0;
    int dropped = 0;
    for (LogEvent e : Corpus.generate(11, 20_000, 0, Instant.EPOCH).logs()) {
      boolean kept = LambdaSignals.carries(e.message());
      assertThat(kept).as("kept as the tally counts it: " + e.message()).isEqualTo(counted(e));
      counted += kept ? 1 : 0;
      dropped += kept ? 0 : 1;
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
      assertThat(LambdaSignals.carries(line.message())).as(term).isTrue();
    }
  }

  @Test
  void shouldReadLinesBeyondAsciiAndNoLineAtAll() {
    assertThat(LambdaSignals.carries("Übertragung fehlgeschlagen: ERROR beim Speichern")).isTrue();
    assertThat(LambdaSignals.carries("Übertragung abgeschlossen ✓")).isFalse();
    assertThat(LambdaSignals.carries(null)).isFalse();
  }
}
