package io.tocsin.detect;

import io.tocsin.detect.GroupState.AlarmState;
import io.tocsin.rules.Alarm;
import io.tocsin.rules.CompiledRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The periodic mode, compatible with a CloudWatch alarm: one datapoint per period aligned to the
 * epoch (the ratio or statistic of its events; missing below {@code min_denominator}), evaluated
 * once when the clock passes the period's end, over the last N datapoints. M breaching → ALARM;
 * otherwise OK — unless no datapoint counts: then INSUFFICIENT_DATA ({@code missing}) or the state
 * is kept ({@code ignore}); {@code breaching} and {@code notBreaching} count a missing datapoint as
 * such. An event up to {@code grace} after its period closed still updates that datapoint for the
 * evaluations that follow. One evaluation per period: at most one transition per period.
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

  @Override
  public boolean accepts(long eventTime, long clock) {
    return clock < (bucket(eventTime) + 1) * period + alarm.grace().toMillis();
  }

  @Override
  public Step evaluate(GroupState group, long clock) {
    long lastClosed = bucket(clock) - 1;
    Series series = group.series();
    AlarmState state = group.state();
    Long changedAt = group.changedAt();
    long startsAt = group.startsAt();
    List<Change> changes = new ArrayList<>();
    long from = group.evaluated() == null ? lastClosed : group.evaluated() + 1;
    for (long k = from; k <= lastClosed; k++) {
      List<Double> datapoints = new ArrayList<>(n);
      int breaching = 0;
      int counted = 0;
      long firstBreach = (k + 1) * period;
      for (long j = k - n + 1; j <= k; j++) {
        Double d = series.over(j, j).figure(rule);
        datapoints.add(d);
        boolean breach =
            d == null
                ? alarm.missingData() == Alarm.MissingData.BREACHING
                : alarm.comparison().breaches(d, alarm.threshold());
        counted +=
            d != null
                    || alarm.missingData() == Alarm.MissingData.BREACHING
                    || alarm.missingData() == Alarm.MissingData.NOT_BREACHING
                ? 1
                : 0;
        if (breach) {
          breaching++;
          firstBreach = Math.min(firstBreach, j * period);
        }
      }
      AlarmState next = next(state, breaching, counted);
      if (next != state) {
        long at = (k + 1) * period;
        startsAt = next == AlarmState.ALARM ? firstBreach : startsAt;
        if (next == AlarmState.ALARM || state == AlarmState.ALARM) {
          Series.Aggregate range = series.over(k - n + 1, k);
          changes.add(
              new Change(
                  next,
                  at,
                  startsAt,
                  AlarmMode.evaluation(rule, range, datapoints.get(n - 1), datapoints, next),
                  AlarmMode.count(rule, range)));
        }
        state = next;
        changedAt = at;
      }
      if (!series.hasData(k - n + 1, k)) {
        // Every evaluation until new data enters the range sees only missing datapoints again.
        k = Math.min(series.nextData(k), lastClosed + 1) - 1;
      }
    }
    long open = lastClosed + 1;
    long graceFrom = bucket(clock - alarm.grace().toMillis()) - 1;
    Series kept = series.from(Math.min(open - n + 1, graceFrom));
    boolean quietStaysQuiet = alarm.missingData() != Alarm.MissingData.BREACHING;
    if (state != AlarmState.ALARM
        && quietStaysQuiet
        && !kept.hasData(open - n + 1, Long.MAX_VALUE)) {
      return new Step(null, changes);
    }
    long due = (open + 1) * period;
    return new Step(
        group.settled(kept, state, changedAt, null, startsAt, lastClosed, due), changes);
  }

  private AlarmState next(AlarmState state, int breaching, int counted) {
    if (breaching >= alarm.datapointsToAlarm()) {
      return AlarmState.ALARM;
    }
    if (counted > 0) {
      return AlarmState.OK;
    }
    return alarm.missingData() == Alarm.MissingData.IGNORE ? state : AlarmState.INSUFFICIENT_DATA;
  }
}
