package io.tocsin.detect;

import io.tocsin.detect.GroupState.AlarmState;
import io.tocsin.rules.Alarm;
import io.tocsin.rules.CompiledRule;
import java.util.List;

/**
 * The sliding mode: the ratio or statistic over exactly the trailing period, in steps of a sixtieth
 * of it (at least one second, dividing the period): at a clock in step {@code b} the window is the
 * whole steps {@code b - 60 .. b - 1}, so an event counts from the end of its step — at most one
 * step after it happened — and never a step longer or shorter than the period. Evaluated on every
 * event and whenever a step ends with data in it, the window moves on or a pending transition is
 * due. It fires once the condition has held for {@code for} and resolves once it has not held for
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
    this.width = stepOf(period);
    this.buckets = period / width;
  }

  /**
   * The shortest step, of whole milliseconds and at least a second, that cuts {@code period} into
   * at most 60.
   */
  static long stepOf(long period) {
    for (long steps = 60; steps > 1; steps--) {
      if (period % steps == 0 && period / steps >= 1000) {
        return period / steps;
      }
    }
    return period;
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

  /**
   * The last event's step, the window, and the longer of a pending transition's wait and the period
   * between two transitions, twice: a late breach may still fire, then resolve.
   */
  @Override
  public long settling() {
    long wait =
        Math.max(period, Math.max(alarm.holdFor().toMillis(), alarm.resolveFor().toMillis()));
    return width + period + 2 * wait;
  }

  @Override
  public boolean accepts(long eventTime, long clock) {
    return bucket(eventTime) >= bucket(clock) - buckets
        && eventTime >= clock - alarm.grace().toMillis();
  }

  @Override
  public Step evaluate(GroupState group, long clock) {
    long current = bucket(clock);
    long oldest = current - buckets;
    Series series = group.series().from(oldest);
    Series.Aggregate window = series.over(oldest, current - 1);
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
      return new Step(null, changes, window);
    }
    long due = pending == null ? Long.MAX_VALUE : settlesAt;
    if (series.hasData(current, current)) {
      due = Math.min(due, (current + 1) * width); // the current step joins the window
    }
    if (!series.isEmpty()) {
      due = Math.min(due, (series.first() + buckets + 1) * width); // the oldest step leaves it
    }
    due = due == Long.MAX_VALUE ? 0 : due;
    return new Step(
        group.settled(series, state, changedAt, pending, startsAt, null, due), changes, window);
  }
}
