package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a rule decided about one event whose pattern it matched: whether its conditions held, what
 * they found, and whether an allow-list suppressed it.
 *
 * @param matched the pattern and every stateless condition held
 * @param evidence what the conditions found, e.g. the risky policy statement; may be empty
 * @param allowlist the allow-list that suppressed the alert, or {@code null}
 * @param allowedBy the allow-list entry that matched the actor, or {@code null}
 */
public record Verdict(
    boolean matched, List<JsonNode> evidence, String allowlist, String allowedBy) {

  /** The conditions did not hold. */
  public static final Verdict NO_MATCH = new Verdict(false, List.of(), null, null);

  /** Normalises absent evidence to an empty list. */
  public Verdict {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  /** A match with {@code evidence} that no allow-list suppressed. */
  static Verdict match(List<JsonNode> evidence) {
    return new Verdict(true, evidence, null, null);
  }

  /** Whether the rule raises an alert: it matched and no allow-list suppressed it. */
  public boolean fires() {
    return matched && allowlist == null;
  }

  /** Whether it matched but an allow-list suppressed it. */
  public boolean allowlisted() {
    return matched && allowlist != null;
  }
}
