package io.tocsin.rules;

import io.tocsin.pattern.FilterPattern;
import io.tocsin.pattern.PatternSet;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The patterns of many rules, evaluated only for the rules whose {@code log_groups} scope takes in
 * the event's log group: each distinct set of rules in scope gets its own {@link PatternSet}, built
 * on first use, so an event of a Lambda log group never pays for an API Gateway rule's delimited
 * pattern. Thread-safe; shared by every stream thread.
 *
 * @param <K> what carries a pattern, e.g. a rule
 */
public final class ScopedPatternSets<K> {

  /** Log groups remembered before the memo starts over; a set per scope is kept regardless. */
  static final int MAX_LOG_GROUPS = 50_000;

  private final List<K> items;
  private final Function<? super K, CompiledRule> ruleOf;
  private final Function<? super K, FilterPattern> patternOf;
  private final PatternSet<K> unscoped;
  private final Map<BitSet, PatternSet<K>> byScope = new ConcurrentHashMap<>();
  private final Map<String, PatternSet<K>> byLogGroup = new ConcurrentHashMap<>();

  /**
   * The patterns {@code patternOf} gives {@code items}, each scoped by the rule {@code ruleOf}
   * gives it; result lists keep the order of {@code items}.
   */
  public ScopedPatternSets(
      List<K> items,
      Function<? super K, CompiledRule> ruleOf,
      Function<? super K, FilterPattern> patternOf) {
    this.items = List.copyOf(items);
    this.ruleOf = ruleOf;
    this.patternOf = patternOf;
    this.unscoped = byScope.computeIfAbsent(inScope(null), this::setOf);
  }

  /** How many items there are, in any scope. */
  public int size() {
    return items.size();
  }

  /** The items in scope for events of {@code logGroup} ({@code null}: events without one). */
  public PatternSet<K> forLogGroup(String logGroup) {
    if (logGroup == null) {
      return unscoped;
    }
    PatternSet<K> known = byLogGroup.get(logGroup);
    if (known != null) {
      return known;
    }
    if (byLogGroup.size() >= MAX_LOG_GROUPS) {
      byLogGroup.clear();
    }
    PatternSet<K> set = byScope.computeIfAbsent(inScope(logGroup), this::setOf);
    byLogGroup.put(logGroup, set);
    return set;
  }

  private BitSet inScope(String logGroup) {
    BitSet scope = new BitSet(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (ruleOf.apply(items.get(i)).appliesTo(logGroup)) {
        scope.set(i);
      }
    }
    return scope;
  }

  private PatternSet<K> setOf(BitSet scope) {
    List<K> selected = new ArrayList<>(scope.cardinality());
    for (int i = scope.nextSetBit(0); i >= 0; i = scope.nextSetBit(i + 1)) {
      selected.add(items.get(i));
    }
    return PatternSet.of(selected, patternOf);
  }
}
