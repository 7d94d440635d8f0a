package io.tocsin.ingest.decode;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudTrail eventIDs seen recently, to drop the duplicates CloudTrail may deliver (the same
 * event twice in a trail, or through both CloudWatch Logs and EventBridge).
 *
 * <p>Bound: an ID is remembered for {@code ttl} after it was first seen, and at most {@code maxIds}
 * IDs are kept, oldest evicted first. The defaults, 100,000 IDs for 1 hour, cost at most about 15
 * MB and cover a trail writing 27 events per second; beyond that rate the window is shorter than an
 * hour. The window lives in memory: after a restart, a duplicate of an event seen before the
 * restart is published again (consumers must tolerate at-least-once anyway).
 */
public final class EventIdWindow {

  /** Default most IDs remembered. */
  public static final int DEFAULT_MAX_IDS = 100_000;

  /** Default time an ID is remembered. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);

  private final int maxIds;
  private final long ttlMillis;
  private final Clock clock;
  private final LinkedHashMap<String, Long> firstSeen = new LinkedHashMap<>();

  /** A window of at most {@code maxIds} IDs (0 disables de-duplication), each kept {@code ttl}. */
  public EventIdWindow(int maxIds, Duration ttl, Clock clock) {
    if (maxIds < 0 || ttl.isNegative()) {
      throw new IllegalArgumentException("maxIds and ttl must not be negative");
    }
    this.maxIds = maxIds;
    this.ttlMillis = ttl.toMillis();
    this.clock = clock;
  }

  /** The default window (100,000 IDs, 1 hour) on the system clock. */
  public static EventIdWindow defaults() {
    return new EventIdWindow(DEFAULT_MAX_IDS, DEFAULT_TTL, Clock.systemUTC());
  }

  /**
   * Records {@code eventId} and returns whether it is new within the window. A {@code null} ID
   * cannot be compared and is always new.
   */
  public synchronized boolean firstSighting(String eventId) {
    if (eventId == null || maxIds == 0) {
      return true;
    }
    long now = clock.millis();
    expire(now);
    if (firstSeen.containsKey(eventId)) {
      return false;
    }
    firstSeen.put(eventId, now);
    if (firstSeen.size() > maxIds) {
      Iterator<String> oldest = firstSeen.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  /**
   * Forgets {@code eventIds}, for events that were decoded but never published (a batch given up on
   * shutdown or lease loss): when their records are read again they must not count as duplicates.
   */
  public synchronized void forget(Collection<String> eventIds) {
    eventIds.forEach(firstSeen::remove);
  }

  /** How many IDs the window holds now. */
  public synchronized int size() {
    expire(clock.millis());
    return firstSeen.size();
  }

  private void expire(long now) {
    Iterator<Map.Entry<String, Long>> it = firstSeen.entrySet().iterator();
    while (it.hasNext()) {
      if (now - it.next().getValue() < ttlMillis) {
        return;
      }
      it.remove();
    }
  }
}
