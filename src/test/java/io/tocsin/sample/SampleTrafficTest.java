package io.tocsin.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.LogEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SampleTrafficTest {

  private static final Instant ORIGIN = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void shouldStampEveryEventWithinTheSecondItWasGeneratedFor() {
    SampleTraffic traffic = new SampleTraffic(7, 50, ORIGIN);
    long timeouts = 0;
    for (int s = 0; s < 600; s++) {
      Instant second = ORIGIN.plusSeconds(s);
      SampleTraffic.Batch batch = traffic.second(second);
      for (LogEvent log : batch.logs()) {
        assertThat(log.timestamp())
            .as(log.message())
            .isLessThan(second.plusSeconds(1).toEpochMilli());
        timeouts += log.message().contains("Task timed out") ? 1 : 0;
      }
      for (CloudTrailEvent event : batch.cloudTrail()) {
        assertThat(event.eventTime()).isBefore(second.plusSeconds(1));
      }
    }
    assertThat(timeouts).as("timeouts, the lines stamped 3 s after their start").isPositive();
  }

  @Test
  void shouldStartATimedOutInvocationThreeSecondsBeforeItsTimeoutLine() {
    SampleTraffic traffic = new SampleTraffic(7, 50, ORIGIN);
    for (int s = 60; s < 120; s++) {
      var logs = traffic.second(ORIGIN.plusSeconds(s)).logs();
      for (int i = 0; i < logs.size(); i++) {
        if (logs.get(i).message().contains("Task timed out")) {
          assertThat(logs.get(i).timestamp() - logs.get(i - 2).timestamp()).isEqualTo(3000);
          assertThat(logs.get(i - 2).message()).startsWith("START RequestId:");
          return;
        }
      }
    }
    throw new AssertionError("no timed-out invocation in the failing minute");
  }
}
