package io.tocsin.pattern;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Which of many patterns can match an event, from one look-up per {@link Slot} and the literals
 * found in the message, instead of trying every pattern: each pattern is filed under the needs of
 * its {@link Requirement} that the fewest patterns share, and a pattern without a usable need is
 * always a candidate. Immutable and thread-safe.
 */
final class CandidateIndex {

  /** The patterns filed under each text of one slot. */
  private record SlotIndex(Slot slot, Map<String, BitSet> byText) {}

  private final BitSet always = new BitSet();
  private final BitSet[] byLiteral;
  private final SlotIndex[] slots;

  /**
   * Files pattern {@code i} under the needs of {@code requirements.get(i)}; {@code literalId} gives
   * the id under which the message scan reports a {@link Need.Contains} literal.
   */
  CandidateIndex(List<Requirement> requirements, ToIntFunction<String> literalId) {
    Map<Need, Integer> shared = new HashMap<>();
    for (Requirement requirement : requirements) {
      Set<Need> named = new HashSet<>();
      requirement.forEachNeed(named::add);
      named.forEach(need -> shared.merge(need, 1, Integer::sum));
    }
    Map<Integer, BitSet> literals = new HashMap<>();
    Map<Slot, Map<String, BitSet>> bySlot = new LinkedHashMap<>();
    for (int p = 0; p < requirements.size(); p++) {
      Set<Need> needs = requirements.get(p).cheapest(shared::get);
      if (needs == null || needs.isEmpty()) {
        always.set(p);
      } else {
        for (Need need : needs) {
          file(need, literalId, literals, bySlot).set(p);
        }
      }
    }
    byLiteral =
        new BitSet[literals.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1];
    literals.forEach((id, filed) -> byLiteral[id] = filed);
    slots =
        bySlot.entrySet().stream()
            .map(e -> new SlotIndex(e.getKey(), Map.copyOf(e.getValue())))
            .toArray(SlotIndex[]::new);
  }

  private static BitSet file(
      Need need,
      ToIntFunction<String> literalId,
      Map<Integer, BitSet> literals,
      Map<Slot, Map<String, BitSet>> bySlot) {
    if (need instanceof Need.Contains contains) {
      return literals.computeIfAbsent(literalId.applyAsInt(contains.literal()), id -> new BitSet());
    }
    Need.Equals equals = (Need.Equals) need;
    return bySlot
        .computeIfAbsent(equals.slot(), slot -> new HashMap<>())
        .computeIfAbsent(equals.text(), text -> new BitSet());
  }

  /**
   * The patterns that may match {@code input}, whose message holds the literals {@code found};
   * every pattern that matches is among them.
   */
  BitSet candidates(LogInput input, BitSet found) {
    BitSet candidates = (BitSet) always.clone();
    for (int id = found.nextSetBit(0); id >= 0; id = found.nextSetBit(id + 1)) {
      BitSet filed = id < byLiteral.length ? byLiteral[id] : null;
      if (filed != null) {
        candidates.or(filed);
      }
    }
    for (SlotIndex index : slots) {
      String text = index.slot().textIn(input);
      BitSet filed = text == null ? null : index.byText().get(text);
      if (filed != null) {
        candidates.or(filed);
      }
    }
    return candidates;
  }
}
