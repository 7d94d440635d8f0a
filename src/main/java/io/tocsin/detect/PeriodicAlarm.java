package io.tocsin.detect;

import io.tocsin.detect.GroupState.AlarmState;
import io.tocsin.rules.Alarm;
import io.tocsin.rules.CompiledRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The periodic mode, compatible with a CloudWatch alarm: one datapoint per period aligned to the
 * epoch (the ratio or statistic of its events; missing below {@code min_denominator}), each period
 * evaluated once over CloudWatch's evaluation range ({@link EvaluationRange}: M of N, the missing
 * data treatment, INSUFFICIENT_DATA, "retain current state" and the premature-alarm rule). A period
 * is evaluated when the group's clock has passed its end by {@code grace}: every event not late (at
 * most {@code grace} older than the group's clock) is in its datapoint by then, so any arrival
 * order within the grace gives the transitions of sorted input. One evaluation per period: at most
 * one transition per period.
 */
final class PeriodicAlarm implements AlarmMode {

  private final CompiledRule rule;
  private final Alarm alarm;
  private final long period;
  private final int n;

  PeriodicAlarm(CompiledRule rule) {
    this.rule = rule;
    this.alarm = rule.rule().alarm();
    this.period = alarm.period().toMillis();
    this.n = alarm.evaluationPeriods();
  }

  @Override
  public long width() {
    return period;
  }

  @Override
  public AlarmState initialState() {
    return AlarmState.INSUFFICIENT_DATA;
  }

  @Override
  public Long firstEvaluated(long eventTime) {
    return bucket(eventTime) - 1;
  }

  /** The last event's period, then the evaluation range, then the grace. */
  @Override
  public long settling() {
    return (EvaluationRange.size(n) + 1) * period + alarm.grace().toMillis();
  }

  @Override
  public boolean accepts(long eventTime, long clock) {
    return eventTime >= clock - alarm.grace().toMillis();
  }

  @Override
  public Step evaluate(GroupState group, long clock) {
    Series series = group.series();
    long lastClosed = bucket(clock - alarm.grace().toMillis()) - 1;
    long evaluated = group.evaluated() == null ? lastClosed : group.evaluated();
    AlarmState state = group.state();
    Long changedAt = group.changedAt();
    long startsAt = group.startsAt();
    List<Change> changes = new ArrayList<>();
    int size = EvaluationRange.size(n);
    for (long k = evaluated + 1; k <= lastClosed; k++) {
      List<EvaluationRange.Point> range = new ArrayList<>(size);
      long firstBreach = Long.MAX_VALUE;
      for (long j = k - size + 1; j <= k; j++) {
        Double d = series.over(j, j).figure(rule);
        boolean breach = d != null && alarm.comparison().breaches(d, alarm.threshold());
        range.add(
            d == null
                ? EvaluationRange.Point.MISSING
                : breach ? EvaluationRange.Point.BREACHING : EvaluationRange.Point.NOT_BREACHING);
        firstBreach = breach ? Math.min(firstBreach, j * period) : firstBreach;
      }
      AlarmState next =
          EvaluationRange.decide(range, alarm.datapointsToAlarm(), n, alarm.missingData(), state);
      if (next != state) {
        long at = (k + 1) * period;
        if (next == AlarmState.ALARM) {
          // the oldest real breaching datapoint, or the evaluated window when missing ones breach
          startsAt = firstBreach == Long.MAX_VALUE ? (k - n + 1) * period : firstBreach;
        }
        if (next == AlarmState.ALARM || state == AlarmState.ALARM) {
          changes.add(change(series, k, next, at, startsAt));
        }
        state = next;
        changedAt = at;
      }
      if (!series.hasData(k - size + 1, k)) {
        // Every evaluation until new data enters the range sees only missing datapoints again.
        k = Math.min(series.nextData(k), lastClosed + 1) - 1;
      }
    }
    evaluated = Math.max(evaluated, lastClosed);
    long open = evaluated + 1;
    Series kept = series.from(open - size + 1);
    boolean quietStaysQuiet = alarm.missingData() != Alarm.MissingData.BREACHING;
    if (state != AlarmState.ALARM
        && quietStaysQuiet
        && !kept.hasData(open - size + 1, Long.MAX_VALUE)) {
      return new Step(null, changes, null);
    }
    long due = (open + 1) * period + alarm.grace().toMillis();
    return new Step(
        group.settled(kept, state, changedAt, null, startsAt, evaluated, due), changes, null);
  }

  /** The change into {@code next} at the end of period {@code k}, showing its last N datapoints. */
  private Change change(Series series, long k, AlarmState next, long at, long startsAt) {
    List<Double> datapoints = new ArrayList<>(n);
    for (long j = k - n + 1; j <= k; j++) {
      datapoints.add(series.over(j, j).figure(rule));
    }
    Series.Aggregate range = series.over(k - n + 1, k);
    return new Change(
        next,
        at,
        startsAt,
        AlarmMode.evaluation(rule, range, datapoints.get(n - 1), datapoints, next),
        AlarmMode.count(rule, range));
  }
}
