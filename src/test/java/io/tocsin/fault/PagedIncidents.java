package io.tocsin.fault;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incidents a PagerDuty account would hold after the events it received, in arrival order, with
 * its dedup_key semantics: a trigger on a key with no open incident opens a new incident, a trigger
 * on an open one only updates it (a repeat), a resolve closes the open incident of its key and is a
 * repeat when there is none.
 *
 * @param opened new incidents opened, by dedup_key
 * @param triggerRepeats triggers that found their incident open
 * @param resolveRepeats resolves that found no open incident
 * @param resolved dedup_keys whose incident was closed at least once
 * @param open dedup_keys with an incident still open
 */
record PagedIncidents(
    Map<String, Integer> opened,
    int triggerRepeats,
    int resolveRepeats,
    Set<String> resolved,
    Set<String> open) {

  /** One event as PagerDuty received it. */
  record Event(String action, String dedupKey) {}

  /** Replays {@code events} (oldest first). */
  static PagedIncidents of(List<Event> events) {
    Map<String, Integer> opened = new HashMap<>();
    Set<String> open = new HashSet<>();
    Set<String> resolved = new HashSet<>();
    int triggerRepeats = 0;
    int resolveRepeats = 0;
    for (Event e : events) {
      if (e.action().equals("trigger")) {
        if (open.add(e.dedupKey())) {
          opened.merge(e.dedupKey(), 1, Integer::sum);
        } else {
          triggerRepeats++;
        }
      } else if (e.action().equals("resolve")) {
        if (open.remove(e.dedupKey())) {
          resolved.add(e.dedupKey());
        } else {
          resolveRepeats++;
        }
      }
    }
    return new PagedIncidents(opened, triggerRepeats, resolveRepeats, resolved, open);
  }

  /** dedup_keys whose incident was opened more than once: a page the on-call got twice. */
  Set<String> openedTwice() {
    Set<String> twice = new HashSet<>();
    opened.forEach(
        (key, n) -> {
          if (n > 1) {
            twice.add(key);
          }
        });
    return twice;
  }
}
