package io.tocsin.detect;

/**
 * What the cloudtrail rules found in one event for one rule: an alert-ready match, or, for a {@code
 * first_seen} rule, a candidate the first-seen detector still has to decide on (then {@code scope}
 * and {@code subject} are set). Travels through the first-seen repartition topic keyed by scope.
 *
 * @param match the match, with its group key, fingerprint, resource and context
 * @param scope what a first-seen candidate is on (e.g. the bucket), else {@code null}
 * @param subject who a first-seen candidate is from (e.g. the principal), else {@code null}
 */
public record Finding(Match match, String scope, String subject) {

  /** Whether the first-seen detector decides on this finding. */
  boolean firstSeen() {
    return scope != null;
  }
}
