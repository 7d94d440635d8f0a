package io.tocsin.query;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.MinuteFigure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The series a rate or threshold alert was decided on, over a time range, read from its state
 * changes: a periodic rule's changes each carry the datapoints they evaluated (one per period), a
 * sliding rule's changes the trailing-period figures at the moment of the change, and between them
 * the detector's figure of each minute of the last hour. With the threshold and the transitions, it
 * is what the console draws.
 *
 * @param fingerprint the alert
 * @param mode {@code sliding} or {@code periodic}
 * @param statistic {@code ratio} for rate rules, else the threshold rule's statistic
 * @param comparison how a value is compared with the threshold
 * @param threshold the rule's threshold
 * @param periodSeconds the period (periodic: one datapoint each; sliding: the trailing window)
 * @param from the start of the range
 * @param to the end of the range
 * @param statusAtFrom the alert's status at {@code from}, or {@code null} before its first change
 * @param points the figures in the range, oldest first
 * @param transitions the state changes in the range, oldest first
 */
record AlertSeries(
    String fingerprint,
    String mode,
    String statistic,
    String comparison,
    double threshold,
    long periodSeconds,
    Instant from,
    Instant to,
    AlertStatus statusAtFrom,
    List<Point> points,
    List<Transition> transitions) {

  /**
   * One figure.
   *
   * @param at a periodic datapoint: the start of its period; a sliding figure: when it was taken (a
   *     minute's: the start of the minute)
   * @param value the ratio or statistic, {@code null} for a missing datapoint
   * @param numerator rate rules, sliding: matching events in the trailing period
   * @param denominator rate rules, sliding: events considered in the trailing period
   * @param source {@code datapoint} (periodic), {@code change} (sliding, at a state change) or
   *     {@code minute} (sliding, the detector's figure of a minute)
   */
  record Point(Instant at, Double value, Double numerator, Double denominator, String source) {}

  /** A state change: the alert's new status and the figure that caused it. */
  record Transition(Instant at, AlertStatus status, Double value) {}

  /**
   * The series of the state changes {@code history} (one fingerprint's) and the detector's {@code
   * minutes} from {@code from} to {@code to}, or {@code null} when none of the changes carries an
   * evaluation (not a rate or threshold rule).
   */
  static AlertSeries of(List<Alert> history, List<MinuteFigure> minutes, Instant from, Instant to) {
    List<Alert> evaluated =
        history.stream()
            .filter(a -> a.evaluation() != null && a.updatedAt() != null)
            .sorted(Comparator.comparing(Alert::updatedAt))
            .toList();
    if (evaluated.isEmpty()) {
      return null;
    }
    Alert.Evaluation latest = evaluated.get(evaluated.size() - 1).evaluation();
    AlertStatus atFrom = null;
    Map<Instant, Point> points = new TreeMap<>();
    for (MinuteFigure m : minutes) {
      Point point = new Point(m.at(), m.value(), m.numerator(), m.denominator(), "minute");
      putIfInside(points, point, from, to);
    }
    List<Transition> transitions = new ArrayList<>();
    for (Alert change : evaluated) {
      Instant at = change.updatedAt();
      Alert.Evaluation e = change.evaluation();
      if (at.isBefore(from)) {
        atFrom = change.status();
      } else if (!at.isAfter(to)) {
        transitions.add(new Transition(at, change.status(), e.value()));
      }
      List<Double> datapoints = e.datapoints();
      if (datapoints == null || datapoints.isEmpty()) {
        putIfInside(
            points, new Point(at, e.value(), e.numerator(), e.denominator(), "change"), from, to);
        continue;
      }
      for (int i = 0; i < datapoints.size(); i++) {
        Instant start = at.minusSeconds(e.windowSeconds() * (datapoints.size() - i));
        putIfInside(points, new Point(start, datapoints.get(i), null, null, "datapoint"), from, to);
      }
    }
    return new AlertSeries(
        evaluated.get(0).fingerprint(),
        latest.mode(),
        latest.statistic(),
        latest.comparison(),
        latest.threshold(),
        latest.windowSeconds(),
        from,
        to,
        atFrom,
        List.copyOf(points.values()),
        List.copyOf(transitions));
  }

  /** Keeps {@code point} when it lies in the range; a later change's figure for a time wins. */
  private static void putIfInside(
      Map<Instant, Point> points, Point point, Instant from, Instant to) {
    if (!point.at().isBefore(from) && !point.at().isAfter(to)) {
      points.put(point.at(), point);
    }
  }
}
