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
  private final SlotIndex[] slots;

  /** Every need of a clause, by id. */
  private final Need[] needs;

  /** Per need id: the literal id of a {@link Need.Contains}, else the index of its slot. */
  private final int[] literalOrSlot;

  /** Per pattern: the need ids of each clause besides the one it is filed under, or null. */
  private final int[][][] otherClauses;

  /**
   * Files pattern {@code i} under the needs of {@code requirements.get(i)}; {@code literalId} gives
   * the id under which the message scan reports a {@link Need.Contains} literal.
   */
  CandidateIndex(List<Requirement> requirements, ToIntFunction<String> literalId) {
    NeedCosts costs = new NeedCosts(requirements);
    Map<Slot, Integer> slotIds = new LinkedHashMap<>();
    List<SlotIndex> slotList = new ArrayList<>();
    ToIntFunction<Slot> slotId =
        slot ->
            slotIds.computeIfAbsent(
                slot,
                s -> {
                  slotList.add(new SlotIndex(s));
                  return slotList.size() - 1;
                });
    Map<Integer, BitSet> literals = new HashMap<>();
    Map<Need, Integer> checked = new LinkedHashMap<>();
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
        if (need instanceof Need.Contains contains) {
          literals
              .computeIfAbsent(literalId.applyAsInt(contains.literal()), id -> new BitSet())
              .set(p);
        } else {
          SlotIndex index = slotList.get(slotId.applyAsInt(slot(need)));
          if (need instanceof Need.Equals equals) {
            index.file(equals.text(), p);
          } else {
            index.file(((Need.Passes) need).comparison(), p);
          }
        }
      }
      if (clauses.size() > 1) {
        otherClauses[p] =
            clauses.subList(1, clauses.size()).stream()
                .map(
                    c ->
                        c.stream()
                            .mapToInt(n -> checked.computeIfAbsent(n, x -> checked.size()))
                            .toArray())
                .toArray(int[][]::new);
      }
    }
    needs = checked.keySet().toArray(Need[]::new);
    literalOrSlot = new int[needs.length];
    for (int id = 0; id < needs.length; id++) {
      literalOrSlot[id] =
          needs[id] instanceof Need.Contains contains
              ? literalId.applyAsInt(contains.literal())
              : slotId.applyAsInt(slot(needs[id]));
    }
    slots = slotList.toArray(SlotIndex[]::new);
    for (SlotIndex slot : slots) {
      slot.sort();
    }
    byLiteral = new BitSet[literals.keySet().stream().mapToInt(i -> i).max().orElse(-1) + 1];
    literals.forEach((id, filed) -> byLiteral[id] = filed);
  }

  /** The slot of an {@link Need.Equals} or {@link Need.Passes}. */
  private static Slot slot(Need need) {
    return need instanceof Need.Equals equals ? equals.slot() : ((Need.Passes) need).slot();
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
      String text = slots[s].isEmpty() ? null : texts.get(s);
      if (text != null) {
        slots[s].collect(text, candidates);
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
    for (int id : clause) {
      if (holds(id, texts, found)) {
        return true;
      }
    }
    return false;
  }

  private boolean holds(int id, SlotTexts texts, BitSet found) {
    Need need = needs[id];
    if (need instanceof Need.Contains) {
      return found.get(literalOrSlot[id]);
    }
    String text = texts.get(literalOrSlot[id]);
    if (need instanceof Need.Equals equals) {
      return equals.text().equals(text);
    }
    return text != null && ((Need.Passes) need).comparison().testText(text);
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
        texts[slot] = slots[slot].slot().textIn(input);
        known[slot] = true;
      }
      return texts[slot];
    }
  }
}
