package io.tocsin.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * What the first-seen detector remembers (store key: rule, scope and, for a subject, the subject):
 * when a scope or a subject on it was first seen, whether the subject arrived after the scope's
 * learning period, and the times of its latest matching events while it still counts as new.
 *
 * @param firstSeenMillis event time of the first matching event
 * @param newOnScope for a subject: first seen after the scope's learning period
 * @param recent for a new subject: event times of its latest matching events, oldest first, at most
 *     the rule's {@code at_least}; empty once it fired or stopped being new
 */
public record FirstSeenState(long firstSeenMillis, boolean newOnScope, List<Long> recent) {

  /** Normalises absent times to an empty list. */
  public FirstSeenState {
    recent = recent == null ? List.of() : List.copyOf(recent);
  }

  /** This state with an earlier first sighting, if {@code millis} is earlier. */
  FirstSeenState seenAt(long millis) {
    return millis < firstSeenMillis ? new FirstSeenState(millis, newOnScope, recent) : this;
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
    return new FirstSeenState(firstSeenMillis, newOnScope, times);
  }

  /** This state with no recent times (after firing, or once the subject is no longer new). */
  FirstSeenState cleared() {
    return recent.isEmpty() ? this : new FirstSeenState(firstSeenMillis, newOnScope, List.of());
  }
}
