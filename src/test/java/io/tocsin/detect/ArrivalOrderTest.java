package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.Alert;
import io.tocsin.model.LogEvent;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.testing.DetectionDriver;
import io.tocsin.testing.LambdaTraffic;
import io.tocsin.testing.Replay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property, over seeded random traffic, delays, M and missing-data treatment: a periodic alarm
 * gives the same transitions whatever order its events arrive in, as long as each arrives within
 * the grace of its group's clock.
 */
class ArrivalOrderTest {

  private static final Instant T0 = SlidingRateTest.T0;
  private static final String RULE =
      """
      rules:
        - id: periodic
          title: Failure rate
          source: logs
          kind: rate
          pattern: '?ERROR ?"Task timed out" ?"Runtime.ExitError" ?"out of memory"'
          severity: high
          alarm:
            denominator: '"REPORT RequestId"'
            min_denominator: 20
            threshold: 0.05
            mode: periodic
            period: 1m
            evaluation_periods: 3
            datapoints_to_alarm: %d
            missing_data: %s
            grace: 30s
      """;
  private static final List<String> TREATMENTS =
      List.of("missing", "ignore", "breaching", "notBreaching");

  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void shouldGiveTheTransitionsOfSortedInputForAnyArrivalOrderWithinTheGrace(long seed)
      throws IOException {
    Random random = new Random(seed);
    RuleSet rules = rules(1 + random.nextInt(3), TREATMENTS.get(random.nextInt(TREATMENTS.size())));
    List<LogEvent> sorted = traffic(random);
    Map<LogEvent, Long> arrival = new HashMap<>();
    for (LogEvent e : sorted) {
      arrival.put(e, e.timestamp() + random.nextInt(29_000));
    }
    List<LogEvent> shuffled = new ArrayList<>(sorted);
    shuffled.sort(Comparator.comparingLong(arrival::get));

    List<String> expected = transitions(rules, sorted);
    assertThat(shuffled).as("the delays do reorder").isNotEqualTo(sorted);
    assertThat(expected).as("seed %d makes the alarm change", seed).isNotEmpty();
    assertThat(transitions(rules, shuffled)).isEqualTo(expected);
  }

  /** Minutes of 1 invocation a second at 1 % or 20 % failures, or without traffic. */
  private static List<LogEvent> traffic(Random random) {
    LambdaTraffic traffic = new LambdaTraffic(random.nextLong());
    List<LogEvent> events = new ArrayList<>();
    for (int minute = 0; minute < 12; minute++) {
      int kind = random.nextInt(3);
      if (kind == 0) {
        continue;
      }
      events.addAll(
          traffic.invocations(
              "orders-api",
              T0.plus(Duration.ofMinutes(minute)),
              Duration.ofMinutes(1),
              1,
              kind == 1 ? 0.01 : 0.2));
    }
    events.sort(Comparator.comparingLong(LogEvent::timestamp));
    return events;
  }

  private RuleSet rules(int datapointsToAlarm, String missingData) throws IOException {
    Path file =
        Files.writeString(dir.resolve("r.yaml"), RULE.formatted(datapointsToAlarm, missingData));
    return RuleLoader.load(List.of(file), false);
  }

  /** What each alert says about the transition, without when it was read. */
  private static List<String> transitions(RuleSet rules, List<LogEvent> arrivals) {
    try (DetectionDriver driver = new DetectionDriver(rules, T0)) {
      Replay replay = new Replay(driver, T0).play(arrivals).idle(Duration.ofMinutes(8));
      return replay.alerts().stream().map(ArrivalOrderTest::transition).toList();
    }
  }

  private static String transition(Alert a) {
    Alert.Evaluation e = a.evaluation();
    return String.join(
        " ",
        a.status().label(),
        a.updatedAt().toString(),
        a.startsAt().toString(),
        e.state(),
        String.valueOf(e.datapoints()),
        String.valueOf(e.numerator()),
        String.valueOf(e.denominator()),
        a.context().path("late_events").asText());
  }
}
