package io.tocsin.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** PatternSet gives exactly the answers of evaluating each pattern alone. */
class PatternSetProperties {

  @Provide
  Arbitrary<List<FilterPattern>> patternLists() {
    Arbitrary<FilterPattern> patterns =
        Arbitraries.oneOf(
            PatternArbitraries.termPatterns().map(FilterPattern::compile),
            PatternArbitraries.validPatterns());
    return patterns.list().ofMaxSize(30);
  }

  @Provide
  Arbitrary<String> messages() {
    return Arbitraries.oneOf(PatternArbitraries.wordLines(), PatternArbitraries.messages());
  }

  @Property(tries = 1000)
  void shouldAgreeWithEvaluatingEachPatternAlone(
      @ForAll("patternLists") List<FilterPattern> patterns, @ForAll("messages") String message) {
    PatternSet<FilterPattern> set = PatternSet.of(patterns);
    BitSet expected = new BitSet();
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).matches(LogInput.ofMessage(message))) {
        expected.set(i);
      }
    }
    assertThat(set.matchingIndexes(LogInput.ofMessage(message))).isEqualTo(expected);
  }
}
