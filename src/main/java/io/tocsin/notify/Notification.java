package io.tocsin.notify;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sink is asked to send for one receiver: a trigger or resolve of one alert, or the summary
 * of a group's folded changes. The keys are derived from the alert only, so a redelivered change
 * reaches the sink with the same keys and opens no second incident.
 *
 * @param receiver the receiver name
 * @param kind trigger, resolve or summary
 * @param alert the alert concerned; for a summary, the latest change folded into the group
 * @param dedupKey the incident key: the alert fingerprint (for a summary, the fingerprint of the
 *     change that opened the group); PagerDuty {@code dedup_key}, SNS FIFO message group
 * @param deduplicationId unique per notification and stable across redelivery: the alert id (for a
 *     summary, derived from the group and its count); SNS FIFO deduplication id
 * @param group for a summary, what was folded; otherwise {@code null}
 */
public record Notification(
    String receiver,
    Kind kind,
    Alert alert,
    String dedupKey,
    String deduplicationId,
    GroupSummary group) {

  /** Whether a notification opens or updates an incident, closes it, or sums up a group. */
  public enum Kind {
    TRIGGER,
    RESOLVE,
    SUMMARY;

    /** The lowercase name used in receipts and message bodies. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The changes a group folded while its interval was open.
   *
   * @param labels the group's label values (its {@code group_by} labels)
   * @param changes firing changes folded, throttled ones included
   * @param throttled how many of them were over the receiver's per-minute cap
   * @param since when the group opened
   * @param fingerprints distinct fingerprints folded, at most {@link #MAX_FINGERPRINTS}
   */
  public record GroupSummary(
      Map<String, String> labels,
      int changes,
      int throttled,
      Instant since,
      List<String> fingerprints) {

    /** The most fingerprints a summary lists. */
    public static final int MAX_FINGERPRINTS = 20;

    /** Copies the collections, keeping the labels in group-by order. */
    public GroupSummary {
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
      fingerprints = List.copyOf(fingerprints);
    }
  }

  /** The trigger or resolve of {@code alert} for {@code receiver}. */
  public static Notification of(String receiver, Alert alert) {
    Kind kind = alert.status() == AlertStatus.RESOLVED ? Kind.RESOLVE : Kind.TRIGGER;
    return new Notification(receiver, kind, alert, alert.fingerprint(), alert.id(), null);
  }
}
