package io.tocsin.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When each key was last let through, in event time: a task's bounded memory (least recently used
 * out first) that lets a candidate thinner drop repeats before a repartition. Lost on restart,
 * which only lets repeats through again.
 */
final class RecentlySent {

  private final Map<String, Long> sent;

  RecentlySent(int capacity) {
    this.sent =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * Whether {@code key} was let through less than {@code spanMillis} from {@code eventMillis},
   * either direction; when not, remembers it as let through at {@code eventMillis}.
   */
  boolean repeats(String key, long eventMillis, long spanMillis) {
    Long last = sent.get(key);
    if (last != null && Math.abs(eventMillis - last) < spanMillis) {
      return true;
    }
    sent.put(key, eventMillis);
    return false;
  }
}
