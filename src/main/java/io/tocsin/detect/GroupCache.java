package io.tocsin.detect;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's rate groups as objects in front of their store: every change is written through to the
 * store (and so to its changelog), while the most recently used groups are also kept deserialized,
 * so the group of a busy log group is not decoded from JSON once per event. Valid because the alarm
 * processor is its store's only writer; it is emptied whenever the task is (re)initialized.
 */
final class GroupCache {

  /** Groups kept deserialized per task. */
  static final int CAPACITY = 4_096;

  private final KeyValueStore<String, GroupState> store;
  private final Map<String, GroupState> recent =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GroupState> eldest) {
          return size() > CAPACITY;
        }
      };

  GroupCache(KeyValueStore<String, GroupState> store) {
    this.store = store;
  }

  /** The group {@code fingerprint}, or {@code null} when the task has none. */
  GroupState get(String fingerprint) {
    GroupState group = recent.get(fingerprint);
    if (group == null) {
      group = store.get(fingerprint);
      if (group != null) {
        recent.put(fingerprint, group);
      }
    }
    return group;
  }

  /** Stores {@code group} as the group {@code fingerprint}. */
  void put(String fingerprint, GroupState group) {
    store.put(fingerprint, group);
    recent.put(fingerprint, group);
  }

  /** Forgets the group {@code fingerprint}. */
  void delete(String fingerprint) {
    store.delete(fingerprint);
    recent.remove(fingerprint);
  }
}
