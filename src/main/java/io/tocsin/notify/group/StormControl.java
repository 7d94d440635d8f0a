package io.tocsin.notify.group;

import io.tocsin.config.ReceiverSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertLabels;
import io.tocsin.notify.Notification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouping and rate capping per receiver. The first firing change of a group is sent at once (if
 * the receiver's per-minute cap allows, else it is throttled); later firing changes within the
 * group interval are folded; when the interval closes the group yields one summary of everything
 * folded or throttled. Resolves are never held back. Time comes from the injected clock.
 */
public final class StormControl {

  /** What to do with one firing change for one receiver. */
  public enum Decision {
    /** Send it now. */
    SEND,
    /** Its group was notified already: fold it into the group's summary. */
    GROUPED,
    /** It would open a group but the per-minute cap is reached: count it in the summary. */
    THROTTLED
  }

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final Clock clock;
  private final Map<String, ReceiverState> receivers = new HashMap<>();

  /** Storm control reading the time from {@code clock}. */
  public StormControl(Clock clock) {
    this.clock = clock;
  }

  /** Decides for a firing change of {@code alert} to the receiver {@code policy}. */
  public Decision admit(ReceiverSettings policy, Alert alert) {
    Instant now = clock.instant();
    ReceiverState state =
        receivers.computeIfAbsent(policy.name(), n -> new ReceiverState(policy.maxPerMinute()));
    Map<String, String> labels = groupLabels(policy, alert);
    String key = labels.toString();
    AlertGroup group = state.groups.get(key);
    if (group != null && group.closedAt(now)) {
      state.closed.add(group);
      state.groups.remove(key);
      group = null;
    }
    if (group == null) {
      group = new AlertGroup(key, labels, alert, now, now.plus(policy.groupInterval()));
      state.groups.put(key, group);
      if (state.tryAcquire(now)) {
        return Decision.SEND;
      }
      group.fold(alert, true);
      return Decision.THROTTLED;
    }
    group.fold(alert, false);
    return Decision.GROUPED;
  }

  /** A resolve of {@code alert} for the receiver {@code policy}: its group stops counting it. */
  public void resolved(ReceiverSettings policy, Alert alert) {
    ReceiverState state = receivers.get(policy.name());
    if (state == null) {
      return;
    }
    AlertGroup open = state.groups.get(groupLabels(policy, alert).toString());
    if (open != null) {
      open.resolved(alert.fingerprint());
    }
    state.closed.forEach(group -> group.resolved(alert.fingerprint()));
  }

  /** The summaries of groups whose interval has closed by now; those groups are forgotten. */
  public List<Notification> due() {
    return collect(false);
  }

  /** The summaries of every group, closed or not (on shutdown); all groups are forgotten. */
  public List<Notification> drain() {
    return collect(true);
  }

  private List<Notification> collect(boolean all) {
    Instant now = clock.instant();
    List<Notification> summaries = new ArrayList<>();
    receivers.forEach(
        (receiver, state) -> {
          for (Iterator<AlertGroup> it = state.groups.values().iterator(); it.hasNext(); ) {
            AlertGroup group = it.next();
            if (all || group.closedAt(now)) {
              state.closed.add(group);
              it.remove();
            }
          }
          for (AlertGroup group : state.closed) {
            Notification summary = group.summary(receiver);
            if (summary != null) {
              summaries.add(summary);
            }
          }
          state.closed.clear();
        });
    return summaries;
  }

  /** The values of {@code policy}'s group-by labels for {@code alert}, in group-by order. */
  public static Map<String, String> groupLabels(ReceiverSettings policy, Alert alert) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String name : policy.groupBy()) {
      if (name.equals(ReceiverSettings.EACH_ALERT)) {
        labels.put("fingerprint", alert.fingerprint());
      } else {
        labels.put(name, String.join(",", AlertLabels.values(alert, name)));
      }
    }
    return labels;
  }

  /** The open groups of one receiver and its sends of the last minute. */
  private static final class ReceiverState {
    final int maxPerMinute;
    final Deque<Instant> sent = new ArrayDeque<>();
    final Map<String, AlertGroup> groups = new HashMap<>();
    final List<AlertGroup> closed = new ArrayList<>();

    ReceiverState(int maxPerMinute) {
      this.maxPerMinute = maxPerMinute;
    }

    /** Admits one send at {@code now} if fewer than the cap went out in the minute before. */
    boolean tryAcquire(Instant now) {
      Instant horizon = now.minus(MINUTE);
      while (!sent.isEmpty() && !sent.peekFirst().isAfter(horizon)) {
        sent.removeFirst();
      }
      if (sent.size() >= maxPerMinute) {
        return false;
      }
      sent.addLast(now);
      return true;
    }
  }
}
