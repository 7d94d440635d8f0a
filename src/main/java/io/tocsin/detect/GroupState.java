package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.rules.CompiledRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One group of a rate or threshold rule as kept in the changelogged group store (key: fingerprint):
 * its recent series, its alarm state and what the next alert needs. A restarted or moved task
 * restores it from the changelog, so an open alarm neither fires twice nor loses its resolve.
 *
 * @param ruleId the rule
 * @param group the group-key fields and values
 * @param resource the resource of the group's first event
 * @param series the recent buckets
 * @param state the alarm state
 * @param changedAt evaluation time of the last state change; {@code null} = never changed
 * @param pendingSince sliding: since when the condition has disagreed with the state, else null
 * @param startsAt when the open (or the last) incident started; 0 before the first
 * @param evaluated periodic: index of the last period evaluated; {@code null} for sliding
 * @param lastEventAt latest event time seen for the group
 * @param late events that arrived later than the grace allows, in total
 * @param samples the latest numerator or value event texts, at most {@link #SAMPLES}
 * @param due when the group must next be evaluated even without events, on the task's clock; 0 =
 *     never
 * @param clock the group's own evaluation clock (event time) at its last evaluation: it never moves
 *     back
 * @param lag how far the group's clock trails the task's: the task clock minus the group's newest
 *     event time when that event came, at most {@link AlarmProcessor#LAG_TOLERANCE}
 */
record GroupState(
    String ruleId,
    Map<String, String> group,
    Alert.Resource resource,
    Series series,
    AlarmState state,
    Long changedAt,
    Long pendingSince,
    long startsAt,
    Long evaluated,
    long lastEventAt,
    long late,
    List<String> samples,
    long due,
    long clock,
    long lag) {

  /** The most samples a group keeps. */
  static final int SAMPLES = 3;

  /** CloudWatch's alarm states; sliding rules use only OK and ALARM. */
  enum AlarmState {
    OK,
    ALARM,
    INSUFFICIENT_DATA
  }

  /** A new group of {@code rule} for its first observation {@code o}. */
  static GroupState open(Observation o, CompiledRule rule, AlarmMode mode) {
    return new GroupState(
        rule.id(),
        o.group(),
        o.resource(),
        Series.empty(rule, mode.width()),
        mode.initialState(),
        null,
        null,
        0,
        mode.firstEvaluated(o.eventTime()),
        o.eventTime(),
        0,
        List.of(),
        0,
        o.eventTime(),
        0);
  }

  /** This group with {@code o} added to bucket {@code bucket}. */
  GroupState observed(long bucket, Observation o) {
    List<String> kept = samples;
    if (o.sample() != null) {
      kept = new ArrayList<>(samples);
      kept.add(o.sample());
      if (kept.size() > SAMPLES) {
        kept.remove(0);
      }
    }
    return new GroupState(
        ruleId,
        group,
        resource,
        series.plus(bucket, o),
        state,
        changedAt,
        pendingSince,
        startsAt,
        evaluated,
        Math.max(lastEventAt, o.eventTime()),
        late,
        kept,
        due,
        clock,
        lag);
  }

  /** This group with one more late event counted. */
  GroupState plusLate() {
    return new GroupState(
        ruleId,
        group,
        resource,
        series,
        state,
        changedAt,
        pendingSince,
        startsAt,
        evaluated,
        lastEventAt,
        late + 1,
        samples,
        due,
        clock,
        lag);
  }

  /** This group with a fresh series (the rule's bucket width changed), keeping its alarm state. */
  GroupState withSeries(Series fresh) {
    return new GroupState(
        ruleId,
        group,
        resource,
        fresh,
        state,
        changedAt,
        pendingSince,
        startsAt,
        evaluated,
        lastEventAt,
        late,
        samples,
        due,
        clock,
        lag);
  }

  /** This group with its clock at {@code newClock}, trailing the task's by {@code newLag}. */
  GroupState timed(long newClock, long newLag) {
    return new GroupState(
        ruleId,
        group,
        resource,
        series,
        state,
        changedAt,
        pendingSince,
        startsAt,
        evaluated,
        lastEventAt,
        late,
        samples,
        due,
        newClock,
        newLag);
  }

  /** This group due for evaluation at {@code newDue}. */
  GroupState dueAt(long newDue) {
    return new GroupState(
        ruleId,
        group,
        resource,
        series,
        state,
        changedAt,
        pendingSince,
        startsAt,
        evaluated,
        lastEventAt,
        late,
        samples,
        newDue,
        clock,
        lag);
  }

  /** This group after an evaluation. */
  GroupState settled(
      Series trimmed,
      AlarmState newState,
      Long newChangedAt,
      Long newPendingSince,
      long newStartsAt,
      Long newEvaluated,
      long newDue) {
    return new GroupState(
        ruleId,
        group,
        resource,
        trimmed,
        newState,
        newChangedAt,
        newPendingSince,
        newStartsAt,
        newEvaluated,
        lastEventAt,
        late,
        samples,
        newDue,
        clock,
        lag);
  }
}
