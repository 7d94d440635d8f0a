package io.tocsin.pattern;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Which of many patterns can match an event, from one look-up per {@link Slot} and the literals
 * found in the message, instead of trying every pattern. Each pattern is filed under the clause of
 * its {@link Requirement} that {@link NeedCosts} rates cheapest; the patterns filed under what the
 * event has are then kept only if the event also satisfies their other clauses. A pattern without a
 * usable clause is always a candidate. Immutable and thread-safe.
 */
final class CandidateIndex {

  private final BitSet always = new BitSet();
  private final BitSet[] byLiteral;
  private final Slot[] slots;

  /** Per slot (same order as {@link #slots}): the patterns filed under each of its texts. */
  private final List<Map<String, BitSet>> bySlotText;

  /** Per need id: the literal id of a {@link Need.Contains}, else -1. */
  private final int[] literalOf;

  /** Per need id: the slot index and text of a {@link Need.Equals}. */
  private final int[] slotOf;

  private final String[] textOf;

  /** Per pattern: the need ids of each clause besides the one it is filed under, or null. */
  private final int[][][] otherClauses;

  /**
   * Files pattern {@code i} under the needs of {@code requirements.get(i)}; {@code literalId} gives
   * the id under which the message scan reports a {@link Need.Contains} literal.
   */
  CandidateIndex(List<Requirement> requirements, ToIntFunction<String> literalId) {
    NeedCosts costs = new NeedCosts(requirements);
    Needs needs = new Needs(literalId);
    Map<Integer, BitSet> literals = new HashMap<>();
    otherClauses = new int[requirements.size()][][];
    for (int p = 0; p < requirements.size(); p++) {
      List<Set<Need>> clauses = new ArrayList<>(requirements.get(p).clauses(costs));
      clauses.removeIf(Set::isEmpty);
      if (clauses.isEmpty()) {
        always.set(p);
        continue;
      }
      clauses.sort(Comparator.comparingLong(clause -> Requirement.cost(clause, costs)));
      for (Need need : clauses.get(0)) {
        int id = needs.id(need);
        BitSet filed =
            needs.literals.get(id) >= 0
                ? literals.computeIfAbsent(needs.literals.get(id), l -> new BitSet())
                : needs
                    .slotTexts
                    .get(needs.slots.get(id))
                    .computeIfAbsent(needs.texts.get(id), t -> new BitSet());
        filed.set(p);
      }
      if (clauses.size() > 1) {
        otherClauses[p] =
            clauses.subList(1, clauses.size()).stream()
                .map(clause -> clause.stream().mapToInt(needs::id).toArray())
                .toArray(int[][]::new);
      }
    }
    byLiteral = new BitSet[literals.keySet().stream().mapToInt(i -> i).max().orElse(-1) + 1];
    literals.forEach((id, filed) -> byLiteral[id] = filed);
    slots = needs.slotIds.keySet().toArray(Slot[]::new);
    bySlotText = needs.slotTexts.stream().map(Map::copyOf).toList();
    literalOf = needs.literals.stream().mapToInt(i -> i).toArray();
    slotOf = needs.slots.stream().mapToInt(i -> i).toArray();
    textOf = needs.texts.toArray(String[]::new);
  }

  /** Numbers needs, slots and literals while the index is built. */
  private static final class Needs {
    final ToIntFunction<String> literalId;
    final Map<Need, Integer> ids = new HashMap<>();
    final List<Integer> literals = new ArrayList<>();
    final List<Integer> slots = new ArrayList<>();
    final List<String> texts = new ArrayList<>();
    final Map<Slot, Integer> slotIds = new LinkedHashMap<>();
    final List<Map<String, BitSet>> slotTexts = new ArrayList<>();

    Needs(ToIntFunction<String> literalId) {
      this.literalId = literalId;
    }

    int id(Need need) {
      return ids.computeIfAbsent(
          need,
          n -> {
            if (n instanceof Need.Contains contains) {
              literals.add(literalId.applyAsInt(contains.literal()));
              slots.add(-1);
              texts.add(null);
            } else {
              Need.Equals equals = (Need.Equals) n;
              literals.add(-1);
              slots.add(
                  slotIds.computeIfAbsent(
                      equals.slot(),
                      s -> {
                        slotTexts.add(new HashMap<>());
                        return slotTexts.size() - 1;
                      }));
              texts.add(equals.text());
            }
            return literals.size() - 1;
          });
    }
  }

  /**
   * The patterns that may match {@code input}, whose message holds the literals {@code found};
   * every pattern that matches is among them.
   */
  BitSet candidates(LogInput input, BitSet found) {
    SlotTexts texts = new SlotTexts(input);
    BitSet candidates = (BitSet) always.clone();
    for (int id = found.nextSetBit(0); id >= 0; id = found.nextSetBit(id + 1)) {
      BitSet filed = id < byLiteral.length ? byLiteral[id] : null;
      if (filed != null) {
        candidates.or(filed);
      }
    }
    for (int s = 0; s < slots.length; s++) {
      Map<String, BitSet> byText = bySlotText.get(s);
      String text = byText.isEmpty() ? null : texts.get(s);
      BitSet filed = text == null ? null : byText.get(text);
      if (filed != null) {
        candidates.or(filed);
      }
    }
    for (int p = candidates.nextSetBit(0); p >= 0; p = candidates.nextSetBit(p + 1)) {
      if (otherClauses[p] != null && !satisfies(otherClauses[p], texts, found)) {
        candidates.clear(p);
      }
    }
    return candidates;
  }

  private boolean satisfies(int[][] clauses, SlotTexts texts, BitSet found) {
    for (int[] clause : clauses) {
      if (!anyHolds(clause, texts, found)) {
        return false;
      }
    }
    return true;
  }

  private boolean anyHolds(int[] clause, SlotTexts texts, BitSet found) {
    for (int need : clause) {
      if (literalOf[need] >= 0
          ? found.get(literalOf[need])
          : textOf[need].equals(texts.get(slotOf[need]))) {
        return true;
      }
    }
    return false;
  }

  /** The text at each slot of one event, looked up on first use. */
  private final class SlotTexts {
    private final LogInput input;
    private final String[] texts = new String[slots.length];
    private final boolean[] known = new boolean[slots.length];

    SlotTexts(LogInput input) {
      this.input = input;
    }

    String get(int slot) {
      if (!known[slot]) {
        texts[slot] = slots[slot].textIn(input);
        known[slot] = true;
      }
      return texts[slot];
    }
  }
}
