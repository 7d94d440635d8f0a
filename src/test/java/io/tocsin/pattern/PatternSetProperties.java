package io.tocsin.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * PatternSet gives exactly the answers of evaluating each pattern alone, whichever patterns its
 * index files under which needs: on log lines, space-delimited lines and parsed JSON events.
 */
class PatternSetProperties {

  private static final ObjectMapper MAPPER = new ObjectMapper();

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

  @Provide
  Arbitrary<List<FilterPattern>> delimitedAndTermLists() {
    Arbitrary<FilterPattern> patterns =
        Arbitraries.oneOf(PatternArbitraries.delimitedPatterns(), PatternArbitraries.termPatterns())
            .map(FilterPattern::compile);
    return patterns.list().ofMaxSize(30);
  }

  @Provide
  Arbitrary<String> delimitedLines() {
    return Arbitraries.oneOf(
        PatternArbitraries.delimitedLines(), PatternArbitraries.jsonMessages());
  }

  @Provide
  Arbitrary<List<String>> jsonPatterns() {
    return PatternArbitraries.jsonPatterns().list().ofMaxSize(30);
  }

  @Provide
  Arbitrary<String> jsonMessages() {
    return PatternArbitraries.jsonMessages();
  }

  @Property(tries = 1000)
  void shouldAgreeWithEvaluatingEachPatternAlone(
      @ForAll("patternLists") List<FilterPattern> patterns, @ForAll("messages") String message) {
    assertAgree(patterns, () -> LogInput.ofMessage(message));
  }

  @Property(tries = 1000)
  void shouldAgreeOnSpaceDelimitedLines(
      @ForAll("delimitedAndTermLists") List<FilterPattern> patterns,
      @ForAll("delimitedLines") String line) {
    assertAgree(patterns, () -> LogInput.ofMessage(line));
  }

  @Property(tries = 1000)
  void shouldAgreeOnParsedJsonEvents(
      @ForAll("jsonPatterns") List<String> texts, @ForAll("jsonMessages") String json)
      throws Exception {
    List<FilterPattern> patterns =
        texts.stream().filter(PatternArbitraries::compiles).map(FilterPattern::compile).toList();
    JsonNode node = MAPPER.readTree(json);
    assertAgree(patterns, () -> LogInput.ofJson(node, node::toString));
  }

  private static void assertAgree(List<FilterPattern> patterns, Supplier<LogInput> event) {
    PatternSet<FilterPattern> set = PatternSet.of(patterns);
    BitSet expected = new BitSet();
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).matches(event.get())) {
        expected.set(i);
      }
    }
    assertThat(set.matchingIndexes(event.get())).isEqualTo(expected);
  }
}
