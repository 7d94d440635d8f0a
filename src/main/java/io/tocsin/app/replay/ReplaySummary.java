package io.tocsin.app.replay;

import java.util.Map;
import java.util.TreeMap;

/** What a replay read and produced, printed on stderr at the end. */
public final class ReplaySummary {

  long records;
  long logEvents;
  long cloudTrailEvents;
  long controlMessages;
  long duplicates;
  long firing;
  long resolved;
  final Map<String, Long> deadLetters = new TreeMap<>();
  final Map<String, Long> lateEvents = new TreeMap<>();

  void deadLetter(String reason) {
    deadLetters.merge(reason, 1L, Long::sum);
  }

  /** Input records that could not be used, all reasons together. */
  public long deadLetterCount() {
    return deadLetters.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Firing alerts produced. */
  public long firing() {
    return firing;
  }

  /** Resolved alerts produced. */
  public long resolved() {
    return resolved;
  }

  /** Events too late for their rate or threshold rule, per rule id. */
  public Map<String, Long> lateEvents() {
    return Map.copyOf(lateEvents);
  }

  /** Log events decoded. */
  public long logEvents() {
    return logEvents;
  }

  /** CloudTrail events decoded. */
  public long cloudTrailEvents() {
    return cloudTrailEvents;
  }

  @Override
  public String toString() {
    return String.format(
        "replayed %d records: %d log events, %d CloudTrail events, %d control messages, "
            + "%d duplicate events, %d dead letters%s; alerts: %d firing, %d resolved; "
            + "late events: %s",
        records,
        logEvents,
        cloudTrailEvents,
        controlMessages,
        duplicates,
        deadLetterCount(),
        deadLetters.isEmpty() ? "" : " " + deadLetters,
        firing,
        resolved,
        lateEvents.isEmpty() ? "none" : lateEvents);
  }
}
