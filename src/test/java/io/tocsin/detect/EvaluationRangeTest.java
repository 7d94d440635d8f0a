package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.detect.EvaluationRange.Point;
import io.tocsin.detect.GroupState.AlarmState;
import io.tocsin.rules.Alarm.MissingData;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both tables of "How alarm state is evaluated when data is missing" in the Amazon CloudWatch User
 * Guide (page "Using Amazon CloudWatch alarms", section "Configuring how CloudWatch alarms treat
 * missing data"; awsdocs/amazon-cloudwatch-user-guide, doc_source/AlarmThatSendsEmail.md, revision
 * of 2023-05-17), row by row: Evaluation Periods 3, evaluation range 5, most recent datapoint on
 * the right; 0 = not breaching, X = breaching, - = missing; RETAIN = "Retain current state".
 */
class EvaluationRangeTest {

  @ParameterizedTest(name = "3 of 3, {0}: {1} {2} {3} {4}")
  @CsvSource({
    "0 - X - X, OK, OK, OK, OK",
    "0 - - - -, OK, OK, OK, OK",
    "- - - - -, INSUFFICIENT_DATA, RETAIN, ALARM, OK",
    "0 X X - X, ALARM, ALARM, ALARM, ALARM",
    "- - X - -, ALARM, RETAIN, ALARM, OK",
  })
  void shouldReproduceTheFirstTableThreeOfThree(
      String points, String missing, String ignore, String breaching, String notBreaching) {
    assertRow(points, 3, missing, ignore, breaching, notBreaching);
  }

  @ParameterizedTest(name = "2 of 3, {0}: {1} {2} {3} {4}")
  @CsvSource({
    "0 - X - X, ALARM, ALARM, ALARM, ALARM",
    "0 0 X 0 X, ALARM, ALARM, ALARM, ALARM",
    "0 - X - -, OK, OK, ALARM, OK",
    "- - - - 0, OK, OK, ALARM, OK",
    "- - - X -, ALARM, RETAIN, ALARM, OK",
  })
  void shouldReproduceTheSecondTableTwoOfThree(
      String points, String missing, String ignore, String breaching, String notBreaching) {
    assertRow(points, 2, missing, ignore, breaching, notBreaching);
  }

  /**
   * The same page, "Avoiding premature transitions to alarm state": with Datapoints to Alarm 3 the
   * alarm "does not go immediately into ALARM state when the data is either - - - - X or - - - X -"
   * (treated as missing: not enough data to decide); an earlier revision of the first table gave
   * these rows as INSUFFICIENT_DATA / retain, and X - - - - as ALARM.
   */
  @ParameterizedTest(name = "3 of 3, {0}: {1} {2} {3} {4}")
  @CsvSource({
    "- - - - X, INSUFFICIENT_DATA, RETAIN, ALARM, OK",
    "- - - X -, INSUFFICIENT_DATA, RETAIN, ALARM, OK",
    "X - - - -, ALARM, RETAIN, ALARM, OK",
  })
  void shouldNotAlarmPrematurelyOnOneRecentBreachingDatapoint(
      String points, String missing, String ignore, String breaching, String notBreaching) {
    assertRow(points, 3, missing, ignore, breaching, notBreaching);
  }

  private static void assertRow(
      String points, int m, String missing, String ignore, String breaching, String notBreaching) {
    List<Point> range = parse(points);
    assertThat(range).hasSize(EvaluationRange.size(3));
    assertTreatment(range, m, MissingData.MISSING, missing);
    assertTreatment(range, m, MissingData.IGNORE, ignore);
    assertTreatment(range, m, MissingData.BREACHING, breaching);
    assertTreatment(range, m, MissingData.NOT_BREACHING, notBreaching);
  }

  private static void assertTreatment(
      List<Point> range, int m, MissingData treatment, String expected) {
    for (AlarmState current : AlarmState.values()) {
      AlarmState want = expected.equals("RETAIN") ? current : AlarmState.valueOf(expected);
      assertThat(EvaluationRange.decide(range, m, 3, treatment, current))
          .as("%s, treated as %s, from %s", range, treatment.label(), current)
          .isEqualTo(want);
    }
  }

  private static List<Point> parse(String points) {
    return Arrays.stream(points.trim().split("\\s+"))
        .map(
            p ->
                switch (p) {
                  case "0" -> Point.NOT_BREACHING;
                  case "X" -> Point.BREACHING;
                  case "-" -> Point.MISSING;
                  default -> throw new IllegalArgumentException(p);
                })
        .toList();
  }
}
