package io.tocsin.model;

import java.time.Instant;
import java.util.List;

/**
 * A silence: alerts matching every matcher between {@code startsAt} and {@code endsAt} are recorded
 * but not delivered. Kept on the compacted topic {@code tocsin.silences.v1} (key: id).
 *
 * @param id unique id
 * @param matchers all must match for an alert to be silenced
 * @param startsAt when the silence begins
 * @param endsAt when it ends; expiring a silence sets this to the expiry time
 * @param createdBy who created it
 * @param comment why
 */
public record Silence(
    String id,
    List<LabelMatcher> matchers,
    Instant startsAt,
    Instant endsAt,
    String createdBy,
    String comment) {

  /** Requires at least one matcher and an end after the start. */
  public Silence {
    matchers = matchers == null ? List.of() : List.copyOf(matchers);
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("a silence needs at least one matcher");
    }
    if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("a silence must end after it starts");
    }
  }

  /** Whether the silence is in force at {@code now}. */
  public boolean activeAt(Instant now) {
    return !now.isBefore(startsAt) && now.isBefore(endsAt);
  }

  /** Whether it silences {@code alert} at {@code now}. */
  public boolean silences(Alert alert, Instant now) {
    return activeAt(now) && matchers.stream().allMatch(m -> m.matches(alert));
  }
}
