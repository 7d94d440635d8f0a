package io.tocsin.pattern;

import static io.tocsin.pattern.MatchSupport.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Kind selection, length limit and the position/reason of syntax errors. */
class PatternSyntaxErrorTest {

  @Test
  void shouldFormatMessageWithPositionAndReason() {
    PatternSyntaxException e = syntaxError("{ $.eventName = %Create(Trail)% }");
    assertThat(e.position()).isEqualTo(23);
    assertThat(e.reason()).startsWith("Invalid character(s) in term");
    assertThat(e.getMessage()).isEqualTo("Invalid filter pattern at position 23: " + e.reason());
  }

  @Test
  void shouldReportPositionsInTheUntrimmedText() {
    assertThat(syntaxError("   { $.a = }").position()).isEqualTo(11);
    assertThat(syntaxError("  [a, a]").position()).isEqualTo(6);
  }

  @Test
  void shouldUseAwsWordingForUnclosedJson() {
    assertThat(syntaxError("{ $.a = 1 } extra").getMessage())
        .isEqualTo(
            "Invalid filter pattern at position 0: If a filter pattern starts with '{' it must"
                + " end with '}'");
  }

  @Test
  void shouldRejectPatternsLongerThanAwsAllows() {
    assertThat(FilterPattern.compile("a".repeat(1024)).kind()).isEqualTo(PatternKind.TERMS);
    assertThat(syntaxError("a".repeat(1025)).position()).isEqualTo(1024);
  }

  @Test
  void shouldChooseKindByFirstCharacterAfterTrimming() {
    assertThat(FilterPattern.compile("").kind()).isEqualTo(PatternKind.MATCH_ALL);
    assertThat(FilterPattern.compile(" {$.a=1} ").kind()).isEqualTo(PatternKind.JSON);
    assertThat(FilterPattern.compile("\t[a]").kind()).isEqualTo(PatternKind.DELIMITED);
    assertThat(FilterPattern.compile("%a b%").kind()).isEqualTo(PatternKind.REGEX);
    assertThat(FilterPattern.compile("%a").kind()).isEqualTo(PatternKind.TERMS);
    assertThat(FilterPattern.compile("\"{x}\"").kind()).isEqualTo(PatternKind.TERMS);
  }

  @Test
  void shouldKeepOriginalTextAndCompareByIt() {
    FilterPattern pattern = FilterPattern.compile("  ERROR  ");
    assertThat(pattern.text()).isEqualTo("  ERROR  ");
    assertThat(pattern).isEqualTo(FilterPattern.compile("  ERROR  ")).hasToString("  ERROR  ");
  }
}
