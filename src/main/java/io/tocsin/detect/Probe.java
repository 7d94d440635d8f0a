package io.tocsin.detect;

import io.tocsin.pattern.FilterPattern;
import io.tocsin.rules.CompiledRule;

/**
 * One pattern of one rule, as an {@link EventScan} evaluates it: a match rule's pattern, or a rate
 * or threshold rule's numerator (or value) pattern or its denominator.
 *
 * @param rule the rule
 * @param role which of the rule's patterns it is
 * @param pattern the pattern
 */
record Probe(CompiledRule rule, Role role, FilterPattern pattern) {

  /** Which of its rule's patterns a probe is. */
  enum Role {
    MATCH,
    NUMERATOR,
    DENOMINATOR
  }
}
