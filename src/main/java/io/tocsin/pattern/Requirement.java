package io.tocsin.pattern;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
   * Clauses every event meeting this requirement satisfies, each by having at least one of the
   * clause's needs; where there is a choice, the clause whose needs' summed {@code cost} is lowest.
   * Empty when nothing usable is known.
   */
  List<Set<Need>> clauses(ToIntFunction<Need> cost);

  /** The summed cost of a clause's needs. */
  static long cost(Set<Need> clause, ToIntFunction<Need> cost) {
    return clause.stream().mapToLong(cost::applyAsInt).sum();
  }

  /** One need. */
  record Single(Need need) implements Requirement {
    @Override
    public void forEachNeed(Consumer<Need> action) {
      action.accept(need);
    }

    @Override
    public List<Set<Need>> clauses(ToIntFunction<Need> cost) {
      return List.of(Set.of(need));
    }
  }

  /** Requirements joined by {@code &&} or {@code ||}. */
  sealed interface Joined extends Requirement {
    List<Requirement> parts();

    @Override
    default void forEachNeed(Consumer<Need> action) {
      parts().forEach(part -> part.forEachNeed(action));
    }
  }

  /** All parts: the clauses of every part. */
  record All(List<Requirement> parts) implements Joined {
    @Override
    public List<Set<Need>> clauses(ToIntFunction<Need> cost) {
      List<Set<Need>> clauses = new ArrayList<>();
      parts.forEach(part -> clauses.addAll(part.clauses(cost)));
      return clauses;
    }
  }

  /** Any part: one clause, of the cheapest clause of every part together. */
  record Any(List<Requirement> parts) implements Joined {
    @Override
    public List<Set<Need>> clauses(ToIntFunction<Need> cost) {
      Set<Need> union = new HashSet<>();
      for (Requirement part : parts) {
        Optional<Set<Need>> cheapest =
            part.clauses(cost).stream()
                .min(Comparator.comparingLong(clause -> Requirement.cost(clause, cost)));
        if (cheapest.isEmpty()) {
          return List.of();
        }
        union.addAll(cheapest.get());
      }
      return List.of(union);
    }
  }
}
