package io.tocsin.detect;

import io.tocsin.detect.GroupState.AlarmState;
import io.tocsin.rules.Alarm;
import io.tocsin.rules.CompiledRule;
import java.util.List;

/**
 * The sliding mode: the ratio or statistic over the trailing period (in sixtieths of it, at least
 * one second each), evaluated on every event and whenever the window or a pending transition moves
 * on. It fires once the condition has held for {@code for} and resolves once it has not held for
 * {@code resolve_for}; below {@code min_denominator} the condition does not hold, so a traffic gap
 * resolves. Anti-flapping: a group changes state at most once per period — a transition waits until
 * a whole period has passed since the previous one.
 */
final class SlidingAlarm implements AlarmMode {

  private final CompiledRule rule;
  private final Alarm alarm;
  private final long period;
  private final long width;
  private final long buckets;

  SlidingAlarm(CompiledRule rule) {
    this.rule = rule;
    this.alarm = rule.rule().alarm();
    this.period = alarm.period().toMillis();
    this.width = Math.max(1000, (period + 59) / 60);
    this.buckets = (period + width - 1) / width;
  }

  @Override
  public long width() {
    return width;
  }

  @Override
  public AlarmState initialState() {
    return AlarmState.OK;
  }

  @Override
  public Long firstEvaluated(long eventTime) {
    return null;
  }

  @Override
  public boolean accepts(long eventTime, long clock) {
    return bucket(eventTime) > bucket(clock) - buckets
        && eventTime >= clock - alarm.grace().toMillis();
  }

  @Override
  public Step evaluate(GroupState group, long clock) {
    long newest = bucket(clock);
    long oldest = newest - buckets + 1;
    Series series = group.series().from(oldest);
    Series.Aggregate window = series.over(oldest, newest);
    Double figure = window.figure(rule);
    boolean holds = figure != null && alarm.comparison().breaches(figure, alarm.threshold());
    boolean firing = group.state() == AlarmState.ALARM;
    AlarmState state = group.state();
    Long changedAt = group.changedAt();
    Long pending = holds == firing ? null : group.pendingSince();
    long startsAt = group.startsAt();
    List<Change> changes = List.of();
    long settlesAt = 0;
    if (holds != firing) {
      pending = pending == null ? clock : pending;
      long wait = (firing ? alarm.resolveFor() : alarm.holdFor()).toMillis();
      settlesAt = Math.max(pending + wait, changedAt == null ? clock : changedAt + period);
      if (clock >= settlesAt) {
        state = holds ? AlarmState.ALARM : AlarmState.OK;
        startsAt = holds ? pending : startsAt;
        changedAt = clock;
        pending = null;
        changes =
            List.of(
                new Change(
                    state,
                    clock,
                    startsAt,
                    AlarmMode.evaluation(rule, window, figure, null, state),
                    AlarmMode.count(rule, window)));
      }
    }
    if (series.isEmpty() && state == AlarmState.OK && pending == null) {
      return new Step(null, changes);
    }
    long due = pending == null ? Long.MAX_VALUE : settlesAt;
    if (!series.isEmpty()) {
      due = Math.min(due, (series.first() + buckets) * width);
    }
    due = due == Long.MAX_VALUE ? 0 : due;
    return new Step(group.settled(series, state, changedAt, pending, startsAt, null, due), changes);
  }
}
