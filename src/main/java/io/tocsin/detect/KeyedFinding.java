package io.tocsin.detect;

import java.time.Instant;

/**
 * What the keyed detector needs of one event for one {@code after} or {@code distinct} rule.
 *
 * @param ruleId the stateful rule
 * @param key the actor whose state is kept (e.g. the principal, an access key id)
 * @param value distinct: the counted value (e.g. the API name); a sequence's first step: the event
 *     ID that began it; else {@code null}
 * @param time the event time
 * @param firstRule the rule that begins the sequence, when this event is its first step, else
 *     {@code null}
 */
public record KeyedFinding(
    String ruleId, String key, String value, Instant time, String firstRule) {

  /** Whether this event begins a sequence rather than possibly completing one. */
  boolean step() {
    return firstRule != null;
  }
}
