package io.tocsin.notify.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dedup stage: remembers, per receiver and alert change, whether the change was already handled
 * (delivered, dead-lettered, silenced, grouped, throttled) or is a send still owed, with its
 * attempts so far. A change redelivered by Kafka within this process is not decided or sent twice;
 * after a restart the receipts of accepted changes are read back into it ({@link ReceiptReplay}),
 * and the sinks' own keys (dedup_key, FIFO deduplication id) cover the rest.
 */
final class Ledger {

  /** What is known of one change for one receiver. */
  static final class Entry {
    private boolean done;
    private int attempts;

    boolean done() {
      return done;
    }

    int attempts() {
      return attempts;
    }

    void attempted(int total) {
      attempts = total;
    }

    void finish() {
      done = true;
    }
  }

  private final Map<String, Entry> entries;

  /** A ledger forgetting the least recently used entries beyond {@code capacity}. */
  Ledger(int capacity) {
    this.entries =
        new LinkedHashMap<>(1024, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The entry for {@code alertId} at {@code receiver}, or {@code null} when never seen. */
  Entry get(String receiver, String alertId) {
    return entries.get(key(receiver, alertId));
  }

  /** A new entry for a change seen for the first time. */
  Entry add(String receiver, String alertId) {
    Entry entry = new Entry();
    entries.put(key(receiver, alertId), entry);
    return entry;
  }

  private static String key(String receiver, String alertId) {
    return receiver + '\u0000' + alertId;
  }
}
