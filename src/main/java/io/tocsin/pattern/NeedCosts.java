package io.tocsin.pattern;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * How many patterns a {@link CandidateIndex} can expect to try per event for filing them under a
 * need, from the patterns alone (no traffic is known): the patterns that share the need, times the
 * chance an event has it. An event holds one text per slot, so a text of a slot that the patterns
 * compare with many texts (an event name) is taken to be rarer than one of a slot with few (an
 * identity type); a literal or a numeric bound is taken to hold for every event, so an exact field
 * text is preferred to it, and the least shared literal or bound among those.
 */
final class NeedCosts implements ToIntFunction<Need> {
  private static final int SCALE = 1000;

  private final Map<Need, Integer> shared = new HashMap<>();
  private final Map<Slot, Set<String>> textsBySlot = new HashMap<>();

  /** Costs of the needs of {@code requirements}, each pattern's counted once per need. */
  NeedCosts(List<Requirement> requirements) {
    for (Requirement requirement : requirements) {
      Set<Need> named = new HashSet<>();
      requirement.forEachNeed(named::add);
      for (Need need : named) {
        shared.merge(need, 1, Integer::sum);
        if (need instanceof Need.Equals equals) {
          textsBySlot.computeIfAbsent(equals.slot(), s -> new HashSet<>()).add(equals.text());
        }
      }
    }
  }

  @Override
  public int applyAsInt(Need need) {
    int patterns = shared.get(need) * SCALE;
    return need instanceof Need.Equals equals
        ? Math.max(1, patterns / textsBySlot.get(equals.slot()).size())
        : patterns;
  }
}
