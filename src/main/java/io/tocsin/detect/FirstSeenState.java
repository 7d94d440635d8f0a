package io.tocsin.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * What the first-seen detector remembers (store key: rule, scope and, for a subject, the subject):
 * when a scope or a subject on it was first and last seen, whether the subject arrived after the
 * scope's learning period, the times of its latest matching events while it still counts as new,
 * and for a scope how many subjects it remembers.
 *
 * @param firstSeenMillis event time of the first matching event
 * @param newOnScope for a subject: first seen after the scope's learning period
 * @param recent for a new subject: event times of its latest matching events, oldest first, at most
 *     the rule's {@code at_least}; empty once it fired or stopped being new
 * @param lastSeenMillis event time of the latest matching event (0 in state written before it was
 *     kept: then the first sighting stands in)
 * @param subjects for a scope: how many subjects on it are remembered
 */
public record FirstSeenState(
    long firstSeenMillis,
    boolean newOnScope,
    List<Long> recent,
    long lastSeenMillis,
    int subjects) {

  /** Normalises absent times to an empty list. */
  public FirstSeenState {
    recent = recent == null ? List.of() : List.copyOf(recent);
    lastSeenMillis = Math.max(lastSeenMillis, firstSeenMillis);
  }

  /** A scope or subject first seen at {@code millis}. */
  static FirstSeenState first(long millis, boolean newOnScope) {
    return new FirstSeenState(millis, newOnScope, null, millis, 0);
  }

  /** This state seen (again) at {@code millis}: earlier first or later last sighting. */
  FirstSeenState seenAt(long millis) {
    if (millis >= firstSeenMillis && millis <= lastSeenMillis) {
      return this;
    }
    return new FirstSeenState(
        Math.min(millis, firstSeenMillis),
        newOnScope,
        recent,
        Math.max(millis, lastSeenMillis),
        subjects);
  }

  /** Whether this was last seen more than {@code horizon} before {@code millis}. */
  boolean forgottenAt(long millis, long horizon) {
    return lastSeenMillis < millis - horizon;
  }

  /** This scope state with {@code by} more (or fewer) subjects remembered. */
  FirstSeenState withSubjects(int by) {
    return new FirstSeenState(
        firstSeenMillis, newOnScope, recent, lastSeenMillis, Math.max(0, subjects + by));
  }

  /** This state with {@code millis} added to the recent times, keeping the latest {@code keep}. */
  FirstSeenState plusRecent(long millis, int keep) {
    List<Long> times = new ArrayList<>(recent);
    int at = times.size();
    while (at > 0 && times.get(at - 1) > millis) {
      at--;
    }
    times.add(at, millis);
    while (times.size() > keep) {
      times.remove(0);
    }
    return new FirstSeenState(firstSeenMillis, newOnScope, times, lastSeenMillis, subjects);
  }

  /** This state with no recent times (after firing, or once the subject is no longer new). */
  FirstSeenState cleared() {
    return recent.isEmpty()
        ? this
        : new FirstSeenState(firstSeenMillis, newOnScope, List.of(), lastSeenMillis, subjects);
  }
}
