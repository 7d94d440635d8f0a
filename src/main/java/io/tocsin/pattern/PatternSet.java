package io.tocsin.pattern;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Many compiled patterns evaluated together against one event, with the same answers as calling
 * {@link FilterPattern#matches} on each: the literals of all term patterns are found in a single
 * pass over the message (Aho–Corasick), a {@link CandidateIndex} picks from those literals and a
 * few field look-ups the patterns that can match, and only those are evaluated, sharing the event's
 * one parse and one tokenization. Immutable and thread-safe.
 *
 * @param <K> what identifies a pattern to the caller, e.g. a rule id
 */
public final class PatternSet<K> {
  private static final int ALWAYS = -1;
  private static final int NEVER = -2;

  private final List<K> keys;
  private final List<FilterPattern> patterns;

  /** Per pattern: the literal ids of a term pattern's terms, or null for other kinds. */
  private final int[][] termIds;

  private final LiteralScanner scanner;
  private final CandidateIndex index;

  /** The root members of a JSON event the patterns read; null when they may read any. */
  private final Set<String> jsonKeys;

  private PatternSet(List<K> keys, List<FilterPattern> patterns) {
    this.keys = List.copyOf(keys);
    this.patterns = List.copyOf(patterns);
    this.termIds = new int[patterns.size()][];
    Map<String, Integer> ids = new HashMap<>();
    List<String> literals = new ArrayList<>();
    for (int p = 0; p < patterns.size(); p++) {
      if (patterns.get(p).matcher() instanceof TermPattern terms) {
        termIds[p] =
            terms.terms().stream()
                .mapToInt(term -> literalId(term.literal(), ids, literals))
                .toArray();
      }
    }
    this.index =
        new CandidateIndex(
            patterns.stream().map(p -> p.matcher().requirement()).toList(),
            literal -> literalId(literal, ids, literals));
    this.scanner = literals.isEmpty() ? null : new LiteralScanner(literals);
    this.jsonKeys = jsonKeys(patterns);
  }

  private static Set<String> jsonKeys(List<FilterPattern> patterns) {
    Set<String> keys = new HashSet<>();
    for (FilterPattern pattern : patterns) {
      if (pattern.matcher() instanceof JsonPattern json) {
        if (json.rootKeys() == null) {
          return null;
        }
        keys.addAll(json.rootKeys());
      }
    }
    return Set.copyOf(keys);
  }

  private static int literalId(String literal, Map<String, Integer> ids, List<String> literals) {
    if (literal == null) {
      return NEVER;
    }
    if (literal.isEmpty()) {
      return ALWAYS;
    }
    return ids.computeIfAbsent(
        literal,
        l -> {
          literals.add(l);
          return literals.size() - 1;
        });
  }

  /** A set in which each pattern is its own key, in the given order. */
  public static PatternSet<FilterPattern> of(Collection<FilterPattern> patterns) {
    return of(patterns, Function.identity());
  }

  /**
   * A set of {@code items}, each with the pattern {@code patternOf} gives it, in the given order.
   */
  public static <K> PatternSet<K> of(
      Collection<K> items, Function<? super K, FilterPattern> patternOf) {
    List<K> keys = new ArrayList<>(items);
    List<FilterPattern> patterns = new ArrayList<>(keys.size());
    for (K key : keys) {
      patterns.add(Objects.requireNonNull(patternOf.apply(key), "pattern"));
    }
    return new PatternSet<>(keys, patterns);
  }

  /** How many patterns the set holds. */
  public int size() {
    return patterns.size();
  }

  /** The indexes (in the order given) of the patterns that match {@code input}. */
  public BitSet matchingIndexes(LogInput input) {
    input.expectJsonKeys(jsonKeys);
    BitSet found = new BitSet();
    if (scanner != null) {
      scanner.scan(input.message(), found);
    }
    BitSet candidates = index.candidates(input, found);
    BitSet matching = new BitSet(patterns.size());
    for (int p = candidates.nextSetBit(0); p >= 0; p = candidates.nextSetBit(p + 1)) {
      int[] ids = termIds[p];
      boolean match =
          ids == null
              ? patterns.get(p).matches(input)
              : ((TermPattern) patterns.get(p).matcher())
                  .evaluate(i -> ids[i] == ALWAYS || (ids[i] >= 0 && found.get(ids[i])));
      if (match) {
        matching.set(p);
      }
    }
    return matching;
  }

  /** The keys of the patterns that match {@code input}, in the order given. */
  public List<K> matching(LogInput input) {
    BitSet indexes = matchingIndexes(input);
    List<K> result = new ArrayList<>(indexes.cardinality());
    for (int p = indexes.nextSetBit(0); p >= 0; p = indexes.nextSetBit(p + 1)) {
      result.add(keys.get(p));
    }
    return result;
  }
}
