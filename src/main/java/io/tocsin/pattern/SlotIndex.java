package io.tocsin.pattern;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The patterns a {@link CandidateIndex} filed under what one {@link Slot} of an event holds: an
 * exact text (a hash look-up), or a number beyond a bound (a walk over the bounds, sorted, that
 * stops at the first one the number does not pass). Filled while the index is built, read-only
 * after {@link #sort}.
 */
final class SlotIndex {

  /** A pattern filed under a numeric bound. */
  private record Bounded(Comparison comparison, int pattern) {}

  private static final Comparator<Bounded> BY_BOUND =
      Comparator.comparing(b -> b.comparison().bound());

  private final Slot slot;
  private final Map<String, BitSet> byText = new HashMap<>();
  private final List<Bounded> lower = new ArrayList<>();
  private final List<Bounded> upper = new ArrayList<>();

  SlotIndex(Slot slot) {
    this.slot = slot;
  }

  Slot slot() {
    return slot;
  }

  /** Files {@code pattern} under the exact {@code text}. */
  void file(String text, int pattern) {
    byText.computeIfAbsent(text, t -> new BitSet()).set(pattern);
  }

  /** Files {@code pattern} under a {@code comparison} with a {@link Comparison#bound}. */
  void file(Comparison comparison, int pattern) {
    (comparison.lowerBound() ? lower : upper).add(new Bounded(comparison, pattern));
  }

  /** Orders the bounds for {@link #collect}: lower bounds ascending, upper bounds descending. */
  void sort() {
    lower.sort(BY_BOUND);
    upper.sort(BY_BOUND.reversed());
  }

  /** Whether any pattern is filed here. */
  boolean isEmpty() {
    return byText.isEmpty() && lower.isEmpty() && upper.isEmpty();
  }

  /** Adds to {@code candidates} the patterns filed under what {@code text} is. */
  void collect(String text, BitSet candidates) {
    BitSet filed = byText.get(text);
    if (filed != null) {
      candidates.or(filed);
    }
    if (lower.isEmpty() && upper.isEmpty()) {
      return;
    }
    BigDecimal value = Numbers.parse(text);
    if (value != null) {
      collect(lower, value, 1, text, candidates);
      collect(upper, value, -1, text, candidates);
    }
  }

  /** The bounds up to the first that {@code value} lies beyond on the wrong side ({@code side}). */
  private static void collect(
      List<Bounded> bounds, BigDecimal value, int side, String text, BitSet candidates) {
    for (Bounded b : bounds) {
      if (value.compareTo(b.comparison().bound()) * side < 0) {
        return;
      }
      if (b.comparison().testText(text)) {
        candidates.set(b.pattern());
      }
    }
  }
}
