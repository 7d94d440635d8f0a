package io.tocsin.detect;

import io.tocsin.detect.GroupState.AlarmState;
import io.tocsin.model.Alert;
import io.tocsin.rules.Alarm;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.Rule;
import java.util.List;

/**
 * How a rate or threshold rule's groups bucket their events and decide their alarm state at a point
 * of the evaluation clock (event time, moved on by the wall clock when traffic stops).
 */
sealed interface AlarmMode permits SlidingAlarm, PeriodicAlarm {

  /** The mode of {@code rule}'s alarm. */
  static AlarmMode of(CompiledRule rule) {
    return rule.rule().alarm().mode() == Alarm.Mode.SLIDING
        ? new SlidingAlarm(rule)
        : new PeriodicAlarm(rule);
  }

  /** Bucket width in milliseconds. */
  long width();

  /** The bucket of event time {@code t}. */
  default long bucket(long t) {
    return Math.floorDiv(t, width());
  }

  /** The state of a new group. */
  AlarmState initialState();

  /** The last period a new group counts as evaluated, from its first event time. */
  Long firstEvaluated(long eventTime);

  /** Whether an event at {@code eventTime} still counts at {@code clock}; if not it is late. */
  boolean accepts(long eventTime, long clock);

  /** Evaluates {@code group} at {@code clock}. */
  Step evaluate(GroupState group, long clock);

  /** How long after a group's last event its alarm may still change state, in milliseconds. */
  long settling();

  /**
   * The outcome of an evaluation.
   *
   * @param group the group's new state; {@code null} = nothing left worth keeping (quiet and OK)
   * @param changes the alerting state changes, oldest first
   * @param window sliding mode: the trailing period the evaluation compared, else {@code null}
   */
  record Step(GroupState group, List<Change> changes, Series.Aggregate window) {}

  /**
   * A state change into or out of ALARM: one alert.
   *
   * @param to the new state
   * @param at evaluation time of the change (event time)
   * @param startsAt when the incident started (for a resolve: when the resolved one started)
   * @param evaluation what was observed
   * @param count numerator events (rate) or values (threshold) the evaluation covered
   */
  record Change(AlarmState to, long at, long startsAt, Alert.Evaluation evaluation, long count) {}

  /** The evaluation figures of {@code rule} over {@code window}. */
  static Alert.Evaluation evaluation(
      CompiledRule rule,
      Series.Aggregate window,
      Double figure,
      List<Double> datapoints,
      AlarmState state) {
    Alarm alarm = rule.rule().alarm();
    boolean rate = rule.rule().kind() == Rule.Kind.RATE;
    return new Alert.Evaluation(
        alarm.mode().label(),
        rate ? "ratio" : alarm.statistic().label(),
        rate ? (double) window.numerator() : null,
        rate ? (double) window.count() : null,
        figure,
        alarm.comparison().symbol(),
        alarm.threshold(),
        alarm.period().toSeconds(),
        datapoints,
        state.name());
  }

  /** What a change of {@code rule} over {@code window} counts. */
  static long count(CompiledRule rule, Series.Aggregate window) {
    return rule.rule().kind() == Rule.Kind.RATE ? window.numerator() : window.count();
  }
}
