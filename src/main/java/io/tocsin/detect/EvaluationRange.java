package io.tocsin.detect;

import io.tocsin.detect.GroupState.AlarmState;
import io.tocsin.rules.Alarm;
import java.util.List;

/**
 * One CloudWatch alarm evaluation over its evaluation range, as AWS documents it ("How alarm state
 * is evaluated when data is missing", CloudWatch User Guide): the last {@link #size} periods are
 * looked at; with at least N real datapoints among them the most recent N decide and the
 * missing-data treatment is not used; with fewer, every real datapoint of the range is evaluated
 * and only as many missing ones as N needs are filled in by the treatment — {@code breaching} or
 * {@code notBreaching} — or, for {@code missing} and {@code ignore}, left out: a real non-breaching
 * datapoint then means OK, no real datapoint means INSUFFICIENT_DATA ({@code missing}) or the
 * current state ({@code ignore}), and breaching datapoints too few for M raise the alarm only by
 * the premature-alarm rule ({@code missing}: the oldest real datapoint breaches, is at least M
 * periods old and nothing more recent is non-breaching) — otherwise INSUFFICIENT_DATA, or the
 * current state for {@code ignore}.
 */
final class EvaluationRange {

  /** What one period's datapoint says against the threshold. */
  enum Point {
    BREACHING,
    NOT_BREACHING,
    MISSING
  }

  private EvaluationRange() {}

  /**
   * The periods looked back for {@code n} evaluation periods. AWS does not publish the figure (it
   * "depends on the length of the alarm period"); its documented examples fetch 5 for 3, so tocsin
   * looks back N + 2.
   */
  static int size(int n) {
    return n + 2;
  }

  /**
   * The state after evaluating {@code range} (oldest first, the period just evaluated last; at most
   * {@link #size} points) for M = {@code m} of N = {@code n} with {@code treatment}, the alarm
   * being in {@code current}.
   */
  static AlarmState decide(
      List<Point> range, int m, int n, Alarm.MissingData treatment, AlarmState current) {
    List<Point> real = range.stream().filter(p -> p != Point.MISSING).toList();
    if (real.size() >= n) {
      return breaching(real.subList(real.size() - n, real.size())) >= m
          ? AlarmState.ALARM
          : AlarmState.OK;
    }
    int breaching = breaching(real);
    int filled = n - real.size();
    switch (treatment) {
      case BREACHING:
        return breaching + filled >= m ? AlarmState.ALARM : AlarmState.OK;
      case NOT_BREACHING:
        return breaching >= m ? AlarmState.ALARM : AlarmState.OK;
      default:
        break;
    }
    if (breaching >= m) {
      return AlarmState.ALARM;
    }
    if (breaching < real.size()) {
      return AlarmState.OK;
    }
    if (treatment == Alarm.MissingData.IGNORE) {
      return current;
    }
    return !real.isEmpty() && oldestRealAge(range) >= m
        ? AlarmState.ALARM
        : AlarmState.INSUFFICIENT_DATA;
  }

  private static int breaching(List<Point> points) {
    return (int) points.stream().filter(p -> p == Point.BREACHING).count();
  }

  /** Periods from the oldest real datapoint to the newest period, both counted (newest = 1). */
  private static int oldestRealAge(List<Point> range) {
    for (int i = 0; i < range.size(); i++) {
      if (range.get(i) != Point.MISSING) {
        return range.size() - i;
      }
    }
    return 0;
  }
}
