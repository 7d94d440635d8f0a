package io.tocsin.rules;

import java.util.Collection;

/** Checks that the first rule an {@code after:} condition names can begin a sequence. */
final class SequenceRules {

  private SequenceRules() {}

  /**
   * Why rule {@code first} cannot begin the sequence of {@code sequence}, or {@code null} when it
   * can: it must be another cloudtrail match rule without a stateful condition of its own.
   */
  static String problem(String first, CompiledRule sequence, Collection<CompiledRule> rules) {
    CompiledRule found = null;
    for (CompiledRule rule : rules) {
      if (rule.id().equals(first)) {
        found = rule;
      }
    }
    if (found == null || found.id().equals(sequence.id())) {
      return "no other rule has the id '" + first + "'";
    }
    if (found.rule().source() != Rule.Source.CLOUDTRAIL || found.rule().kind() != Rule.Kind.MATCH) {
      return "rule '" + first + "' is not a cloudtrail match rule";
    }
    if (found.conditions().firstSeen() != null || found.conditions().keyed() != null) {
      return "rule '" + first + "' is stateful itself; a sequence begins with a one-event rule";
    }
    return null;
  }
}
