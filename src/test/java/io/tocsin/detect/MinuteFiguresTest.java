package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.LogEvent;
import io.tocsin.model.MinuteFigure;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.testing.DetectionDriver;
import io.tocsin.testing.LambdaTraffic;
import io.tocsin.testing.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

/**
 * A sliding rule's per-minute figures on the production detection topology: one figure per group
 * and minute with events, written once a minute (never per event), kept for the last hour. A
 * group's first minute has none: its trailing minute was empty when the minute began.
 */
class MinuteFiguresTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final RuleSet SLIDING =
      new RuleSet(List.of(RuleLoader.load(List.of()).get("lambda-failure-rate")));
  private static final String GROUPS = "logs-rate-groups";
  private static final String FIGURES = "logs-rate-figures";

  @Test
  void shouldNameTheFigureStoresOfTheRateDetectorsThatRun() {
    Topology topology = DetectionTopology.build(SLIDING);

    assertThat(DetectionTopology.figureStores(topology))
        .containsExactly("logs-rate-figures", "logs-rate-regrouped-figures");
  }

  @Test
  void shouldRecordOneFigurePerMinuteForTheLastHourWrittenOnceAMinute() {
    List<LogEvent> events =
        new LambdaTraffic(7).invocations("orders-api", T0, Duration.ofMinutes(75), 0.5, 0.05);
    try (DetectionDriver driver = new DetectionDriver(SLIDING, T0)) {
      new Replay(driver, T0).play(events);
      String fingerprint = driver.storeKeys(GROUPS).get(0);

      List<MinuteFigure> figures =
          driver.figures(FIGURES, fingerprint, T0, T0.plus(Duration.ofMinutes(80)));
      List<String> writes = driver.changelogKeys(FIGURES);

      assertThat(events).hasSizeGreaterThan(6_000);
      assertThat(writes).as("one write per minute with events, not per event").hasSize(74);
      assertThat(driver.figures(FIGURES, fingerprint, T0, T0.plus(Duration.ofMinutes(13))))
          .as("older than the hour kept")
          .isEmpty();
      assertThat(figures).as("an hour and the current minute").hasSize(61);
      for (int i = 0; i < figures.size(); i++) {
        MinuteFigure figure = figures.get(i);
        assertThat(figure.at()).isEqualTo(T0.plus(Duration.ofMinutes(14 + i)));
        assertThat(figure.denominator()).isBetween(27.0, 31.0);
        assertThat(figure.value()).isEqualTo(figure.numerator() / figure.denominator());
      }
    }
  }

  @Test
  void shouldRecordTheTrailingMinuteAtTheFirstEvaluationOfEachMinute() {
    List<LogEvent> events =
        new LambdaTraffic(3).invocations("orders-api", T0, Duration.ofMinutes(3), 0.5, 0.0);
    events.addAll(
        new LambdaTraffic(3)
            .invocations(
                "orders-api", T0.plus(Duration.ofMinutes(3)), Duration.ofMinutes(2), 1, 1));
    try (DetectionDriver driver = new DetectionDriver(SLIDING, T0)) {
      new Replay(driver, T0).play(events);
      String fingerprint = driver.storeKeys(GROUPS).get(0);

      List<MinuteFigure> figures =
          driver.figures(FIGURES, fingerprint, T0, T0.plus(Duration.ofMinutes(5)));

      assertThat(figures)
          .extracting(MinuteFigure::at)
          .containsExactly(
              T0.plus(Duration.ofMinutes(1)),
              T0.plus(Duration.ofMinutes(2)),
              T0.plus(Duration.ofMinutes(3)),
              T0.plus(Duration.ofMinutes(4)));
      assertThat(figures).extracting(MinuteFigure::value).containsExactly(0.0, 0.0, 0.0, 1.0);
      assertThat(figures.subList(0, 3))
          .allSatisfy(f -> assertThat(f.denominator()).isBetween(27.0, 31.0));
      assertThat(figures.get(3).numerator()).isPositive().isEqualTo(figures.get(3).denominator());
    }
  }
}
