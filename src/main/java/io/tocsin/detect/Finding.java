package io.tocsin.detect;

/**
 * What the cloudtrail rules found in one event for one rule: an alert-ready match, or a candidate a
 * stateful detector still has to decide on — for a {@code first_seen} rule ({@code scope} and
 * {@code subject} set, keyed by scope through the first-seen repartition topic), or for an {@code
 * after} or {@code distinct} rule ({@code keyed} set, keyed by actor through the keyed one).
 *
 * @param match the match, with its group key, fingerprint, resource and context; {@code null} for
 *     the first step of a sequence, which only begins it
 * @param scope what a first-seen candidate is on (e.g. the bucket), else {@code null}
 * @param subject who a first-seen candidate is from (e.g. the principal), else {@code null}
 * @param keyed what the keyed detector needs, else {@code null}
 */
public record Finding(Match match, String scope, String subject, KeyedFinding keyed) {

  /** An alert-ready match or a first-seen candidate. */
  Finding(Match match, String scope, String subject) {
    this(match, scope, subject, null);
  }

  /** Whether the first-seen detector decides on this finding. */
  boolean firstSeen() {
    return scope != null;
  }

  /** Whether the keyed detector decides on this finding. */
  boolean isKeyed() {
    return keyed != null;
  }
}
