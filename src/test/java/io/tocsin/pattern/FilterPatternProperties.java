package io.tocsin.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of compile and match over generated patterns and messages. */
class FilterPatternProperties {

  @Provide
  Arbitrary<String> patternLike() {
    return PatternArbitraries.patternLike();
  }

  @Provide
  Arbitrary<FilterPattern> validPatterns() {
    return PatternArbitraries.validPatterns();
  }

  @Provide
  Arbitrary<String> messages() {
    return PatternArbitraries.messages();
  }

  @Provide
  Arbitrary<List<String>> termLists() {
    return PatternArbitraries.termLists();
  }

  @Provide
  Arbitrary<String> wordLines() {
    return PatternArbitraries.wordLines();
  }

  @Property(tries = 3000)
  void shouldThrowNothingButPatternSyntaxExceptionWithinTheText(
      @ForAll("patternLike") String text) {
    try {
      FilterPattern pattern = FilterPattern.compile(text);
      assertThat(pattern.text()).isEqualTo(text);
    } catch (PatternSyntaxException e) {
      assertThat(e.position()).isBetween(0, text.length());
      assertThat(e.getMessage()).startsWith("Invalid filter pattern at position " + e.position());
    }
  }

  @Property(tries = 2000)
  void shouldNeverThrowWhileMatching(
      @ForAll("validPatterns") FilterPattern pattern, @ForAll("messages") String message) {
    LogInput input = LogInput.ofMessage(message);
    boolean first = pattern.matches(input);
    assertThat(pattern.matches(input)).isEqualTo(first);
    assertThat(pattern.matches(LogInput.ofMessage(message))).isEqualTo(first);
  }

  @Property(tries = 500)
  void shouldDecideTheSameAfterRecompilingItsText(
      @ForAll("validPatterns") FilterPattern pattern, @ForAll("messages") String message) {
    FilterPattern again = FilterPattern.compile(pattern.text());
    assertThat(again).isEqualTo(pattern);
    assertThat(again.kind()).isEqualTo(pattern.kind());
    assertThat(again.matches(LogInput.ofMessage(message)))
        .isEqualTo(pattern.matches(LogInput.ofMessage(message)));
  }

  @Property(tries = 500)
  void shouldIgnoreSurroundingWhitespace(
      @ForAll("validPatterns") FilterPattern pattern, @ForAll("messages") String message) {
    FilterPattern padded = FilterPattern.compile(" \t" + pattern.text().strip() + "  ");
    assertThat(padded.matches(LogInput.ofMessage(message)))
        .isEqualTo(pattern.matches(LogInput.ofMessage(message)));
  }

  @Property(tries = 500)
  void shouldIgnoreTheOrderOfTerms(
      @ForAll("termLists") List<String> terms,
      @ForAll("wordLines") String message,
      @ForAll Random random) {
    String text = String.join(" ", terms);
    List<String> shuffledTerms = new ArrayList<>(terms);
    Collections.shuffle(shuffledTerms, random);
    String shuffled = String.join(" ", shuffledTerms);
    assertThat(FilterPattern.compile(shuffled).matches(LogInput.ofMessage(message)))
        .as("%s vs %s", text, shuffled)
        .isEqualTo(FilterPattern.compile(text).matches(LogInput.ofMessage(message)));
  }
}
