package io.tocsin.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the keyed detector remembers for one rule and actor (store key: rule and actor): the latest
 * event time of each value seen within the rule's horizon — the distinct values counted so far, or
 * the first steps of a sequence (by event ID) — and, for a sequence, the completing events read
 * before any first step that pairs with them. Entries older than the horizon are dropped as newer
 * ones come, and the whole state once the actor is quiet for the horizon, so it stays bounded.
 *
 * @param times the latest event time of each value, in the order first added
 * @param pending a sequence's completing events not yet paired with a first step, oldest first, at
 *     most {@link #MAX_SEQUENCE_EVENTS}
 */
public record KeyedState(Map<String, Long> times, List<Match> pending) {

  /** Most first steps, and most unpaired completing events, kept per sequence rule and actor. */
  static final int MAX_SEQUENCE_EVENTS = 8;

  /** Copies the map and list, keeping their order; absent means empty. */
  public KeyedState {
    times = times == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(times));
    pending = pending == null ? List.of() : List.copyOf(pending);
  }

  /** The state of nothing seen yet. */
  static KeyedState empty() {
    return new KeyedState(null, null);
  }

  /** The latest event time of any value or pending event, or {@link Long#MIN_VALUE} when empty. */
  long newest() {
    long newest = Long.MIN_VALUE;
    for (long t : times.values()) {
      newest = Math.max(newest, t);
    }
    for (Match m : pending) {
      newest = Math.max(newest, m.eventTime().toEpochMilli());
    }
    return newest;
  }

  /**
   * This state with {@code value} seen at {@code millis}, without the values last seen more than
   * {@code horizon} before the newest time (including {@code value}, if it is that old).
   */
  KeyedState plus(String value, long millis, long horizon) {
    long since = Math.max(newest(), millis) - horizon;
    Map<String, Long> kept = new LinkedHashMap<>();
    times.forEach(
        (v, t) -> {
          if (t >= since) {
            kept.put(v, t);
          }
        });
    if (millis >= since) {
      kept.merge(value, millis, Math::max);
    }
    return new KeyedState(kept, pending);
  }

  /** This state with the first step {@code eventId} at {@code millis}, keeping the latest steps. */
  KeyedState withStep(String eventId, long millis) {
    List<Map.Entry<String, Long>> steps = new ArrayList<>(times.entrySet());
    steps.add(Map.entry(eventId, millis));
    steps.sort(Map.Entry.comparingByValue());
    Map<String, Long> kept = new LinkedHashMap<>();
    steps
        .subList(Math.max(0, steps.size() - MAX_SEQUENCE_EVENTS), steps.size())
        .forEach(e -> kept.merge(e.getKey(), e.getValue(), Math::max));
    return new KeyedState(kept, pending);
  }

  /**
   * The latest first step at or before {@code millis} and at most {@code within} before it, or
   * {@code null}.
   */
  Map.Entry<String, Long> stepBefore(long millis, long within) {
    Map.Entry<String, Long> found = null;
    for (Map.Entry<String, Long> step : times.entrySet()) {
      long t = step.getValue();
      if (t <= millis && millis - t <= within && (found == null || t > found.getValue())) {
        found = step;
      }
    }
    return found;
  }

  /** This state with the completing event {@code match} waiting for a first step. */
  KeyedState withPending(Match match) {
    List<Match> kept = new ArrayList<>(pending);
    kept.add(match);
    kept.sort(Comparator.comparing(Match::eventTime));
    return new KeyedState(
        times, kept.subList(Math.max(0, kept.size() - MAX_SEQUENCE_EVENTS), kept.size()));
  }

  /** This state without the pending events in {@code paired}. */
  KeyedState without(List<Match> paired) {
    List<Match> kept = new ArrayList<>(pending);
    kept.removeAll(paired);
    return new KeyedState(times, kept);
  }

  /** The values, latest seen last. */
  List<String> valuesByTime() {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(times.entrySet());
    entries.sort(Map.Entry.comparingByValue());
    return entries.stream().map(Map.Entry::getKey).toList();
  }
}
