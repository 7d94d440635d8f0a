package io.tocsin.notify.group;

import io.tocsin.model.Alert;
import io.tocsin.notify.Notification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One open group of a receiver: who opened it, until when it folds, what it folded, and which of
 * those alerts are still firing. The summary is sent on the incident of a still-firing alert (the
 * leader's while it fires): a trigger on a resolved alert's key would open a second incident.
 */
final class AlertGroup {

  private final String key;
  private final Map<String, String> labels;
  private final String leader;
  private final Instant openedAt;
  private final Instant closesAt;
  private final Set<String> fingerprints = new LinkedHashSet<>();
  private final Set<String> firing = new LinkedHashSet<>();
  private int changes;
  private int throttled;
  private Alert latest;

  AlertGroup(String key, Map<String, String> labels, Alert first, Instant now, Instant closesAt) {
    this.key = key;
    this.labels = labels;
    this.leader = first.fingerprint();
    firing.add(leader);
    this.openedAt = now;
    this.closesAt = closesAt;
  }

  /** Counts {@code alert} into the summary; {@code overCap} when the rate cap held it back. */
  void fold(Alert alert, boolean overCap) {
    changes++;
    if (overCap) {
      throttled++;
    }
    latest = alert;
    firing.add(alert.fingerprint());
    if (fingerprints.size() < Notification.GroupSummary.MAX_FINGERPRINTS) {
      fingerprints.add(alert.fingerprint());
    }
  }

  /** The alert {@code fingerprint} resolved: the summary must not reopen its incident. */
  void resolved(String fingerprint) {
    firing.remove(fingerprint);
  }

  boolean closedAt(Instant now) {
    return !now.isBefore(closesAt);
  }

  /**
   * The summary of what was folded, or {@code null} when nothing was or when every alert of the
   * group has resolved since (their resolves went out; there is no incident left to update).
   */
  Notification summary(String receiver) {
    if (changes == 0 || firing.isEmpty()) {
      return null;
    }
    String incident = firing.contains(leader) ? leader : firing.iterator().next();
    String id =
        UUID.nameUUIDFromBytes(
                (receiver + "|" + key + "|" + openedAt + "|" + latest.id() + "|" + changes)
                    .getBytes(StandardCharsets.UTF_8))
            .toString();
    return new Notification(
        receiver,
        Notification.Kind.SUMMARY,
        latest,
        incident,
        id,
        new Notification.GroupSummary(
            labels, changes, throttled, openedAt, List.copyOf(fingerprints)));
  }
}
