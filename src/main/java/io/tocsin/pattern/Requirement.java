package io.tocsin.pattern;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * What a pattern demands of every event it matches, as {@link Need}s joined like the pattern's own
 * conditions: all of them, or any one of them. A pattern may demand more than its requirement says,
 * never less.
 */
sealed interface Requirement {

  /** Nothing usable: every event may match. */
  Requirement NONE = new All(List.of());

  /** The event has {@code need}. */
  static Requirement of(Need need) {
    return new Single(need);
  }

  /** Every part holds (parts that are {@link #NONE} add nothing). */
  static Requirement allOf(List<Requirement> parts) {
    return parts.size() == 1 ? parts.get(0) : new All(List.copyOf(parts));
  }

  /** At least one part holds. */
  static Requirement anyOf(List<Requirement> parts) {
    return parts.size() == 1 ? parts.get(0) : new Any(List.copyOf(parts));
  }

  /** Gives {@code action} every need named anywhere in this requirement. */
  void forEachNeed(Consumer<Need> action);

  /**
   * Needs of which every event meeting this requirement has at least one, chosen to keep the sum of
   * their {@code cost}s low; null when there are none.
   */
  Set<Need> cheapest(ToIntFunction<Need> cost);

  /** One need. */
  record Single(Need need) implements Requirement {
    @Override
    public void forEachNeed(Consumer<Need> action) {
      action.accept(need);
    }

    @Override
    public Set<Need> cheapest(ToIntFunction<Need> cost) {
      return Set.of(need);
    }
  }

  /** All parts: any one part's needs will do, so the cheapest. */
  record All(List<Requirement> parts) implements Requirement {
    @Override
    public void forEachNeed(Consumer<Need> action) {
      parts.forEach(part -> part.forEachNeed(action));
    }

    @Override
    public Set<Need> cheapest(ToIntFunction<Need> cost) {
      Set<Need> best = null;
      long bestCost = Long.MAX_VALUE;
      for (Requirement part : parts) {
        Set<Need> needs = part.cheapest(cost);
        long total =
            needs == null ? Long.MAX_VALUE : needs.stream().mapToLong(cost::applyAsInt).sum();
        if (total < bestCost) {
          best = needs;
          bestCost = total;
        }
      }
      return best;
    }
  }

  /** Any part: only the needs of every part together will do. */
  record Any(List<Requirement> parts) implements Requirement {
    @Override
    public void forEachNeed(Consumer<Need> action) {
      parts.forEach(part -> part.forEachNeed(action));
    }

    @Override
    public Set<Need> cheapest(ToIntFunction<Need> cost) {
      Set<Need> union = new HashSet<>();
      for (Requirement part : parts) {
        Set<Need> needs = part.cheapest(cost);
        if (needs == null) {
          return null;
        }
        union.addAll(needs);
      }
      return union;
    }
  }
}
