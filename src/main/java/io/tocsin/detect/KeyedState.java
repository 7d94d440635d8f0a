package io.tocsin.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the keyed detector remembers for one rule and actor (store key: rule and actor): the latest
 * event time of each value seen within the rule's horizon — the distinct values counted so far, or
 * the event that began a sequence. Entries older than the horizon are dropped as newer ones come,
 * and the whole state once the actor is quiet for the horizon, so it stays bounded.
 *
 * @param times the latest event time of each value, in the order first added
 */
public record KeyedState(Map<String, Long> times) {

  /** Copies the map, keeping its order; absent means empty. */
  public KeyedState {
    times = times == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(times));
  }

  /** The latest event time of any value, or {@link Long#MIN_VALUE} when empty. */
  long newest() {
    long newest = Long.MIN_VALUE;
    for (long t : times.values()) {
      newest = Math.max(newest, t);
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
    return new KeyedState(kept);
  }

  /** The state of one value seen at {@code millis}, or this one if it has a later value. */
  KeyedState latest(String value, long millis) {
    return millis >= newest() ? new KeyedState(Map.of(value, millis)) : this;
  }

  /** The values, latest seen last. */
  List<String> valuesByTime() {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(times.entrySet());
    entries.sort(Map.Entry.comparingByValue());
    return entries.stream().map(Map.Entry::getKey).toList();
  }
}
