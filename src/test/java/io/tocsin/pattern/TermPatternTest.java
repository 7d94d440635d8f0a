package io.tocsin.pattern;

import static io.tocsin.pattern.MatchSupport.matches;
import static io.tocsin.pattern.MatchSupport.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Term patterns (filter-patterns.md §3): substrings, phrases, ? alternatives, - exclusions. */
class TermPatternTest {

  @Test
  void shouldMatchTermsAsCaseSensitiveSubstrings() {
    assertThat(matches("ERROR", "Exiting with ERRORCODE: -1")).isTrue();
    assertThat(matches("Exception", "InvalidQueryException raised")).isTrue();
    assertThat(matches("404", "took 1404 ms")).isTrue();
    assertThat(matches("ERROR", "[error] disk quota exceeded")).isFalse();
  }

  @Test
  void shouldRequireEveryPlainTermInAnyOrder() {
    assertThat(matches("ERROR Exception", "Exception raised before ERROR")).isTrue();
    assertThat(matches("ERROR ARGUMENTS", "[ERROR 400] BAD REQUEST")).isFalse();
    assertThat(matches("ERROR    ARGUMENTS", "ARGUMENTS ERROR")).isTrue();
  }

  @Test
  void shouldMatchQuotedPhraseExactlyWithEscapes() {
    assertThat(matches("\"INTERNAL SERVER ERROR\"", "[500] INTERNAL SERVER ERROR")).isTrue();
    assertThat(matches("\"INTERNAL SERVER ERROR\"", "INTERNAL ERROR ON SERVER")).isFalse();
    assertThat(matches("\"say \\\"hi\\\"\"", "they say \"hi\" twice")).isTrue();
    assertThat(matches("\"C:\\\\temp\"", "path C:\\temp here")).isTrue();
    assertThat(matches("\"a\\nb\"", "a\\nb")).isTrue();
  }

  @Test
  void shouldTreatQuestionTermsAsAlternativesOnlyWhenAlone() {
    assertThat(matches("?ERROR ?ARGUMENTS", "INVALID ARGUMENTS")).isTrue();
    assertThat(matches("?ERROR ?ARGUMENTS", "all good")).isFalse();
    assertThat(matches("?ERROR ?ARGUMENTS REQUEST", "UNAUTHORIZED REQUEST")).isTrue();
    assertThat(matches("?ERROR ?ARGUMENTS REQUEST", "ERROR MISSING ARGUMENTS")).isFalse();
    assertThat(matches("?WARN -DEBUG", "INFO heartbeat")).isTrue();
  }

  @Test
  void shouldExcludeMinusTermsAndMatchExclusionOnlyPatterns() {
    assertThat(matches("ERROR -ARGUMENTS", "ERROR INVALID ARGUMENTS")).isFalse();
    assertThat(matches("ERROR -ARGUMENTS", "ERROR TIMEOUT")).isTrue();
    assertThat(matches("-DEBUG", "INFO started")).isTrue();
    assertThat(matches("-DEBUG -TRACE", "TRACE entering")).isFalse();
  }

  @Test
  void shouldApplyPrefixSeparatedBySpaceToNextTerm() {
    assertThat(matches("\"ERROR\" - \"Exiting\"", "ERROR and Exiting")).isFalse();
    assertThat(matches("\"ERROR\" - \"Exiting\"", "ERROR and staying")).isTrue();
  }

  @Test
  void shouldTreatBlankQuotedTermAsAlwaysPresent() {
    assertThat(matches("\"\"", "x")).isTrue();
    assertThat(matches("\" \"", "nospaceshere")).isTrue();
    assertThat(matches("-\" \"", "a b")).isFalse();
  }

  @Test
  void shouldNeverMatchUnquotedTermWithPunctuationOrNonAscii() {
    assertThat(matches("request-id-123", "request-id-123")).isFalse();
    assertThat(matches("café", "un café")).isFalse();
    assertThat(matches("\"café\"", "un café")).isTrue();
    assertThat(matches("ERROR -request-id", "ERROR request-id")).isTrue();
  }

  @Test
  void shouldMatchEverythingWithEmptyPattern() {
    FilterPattern pattern = FilterPattern.compile("   ");
    assertThat(pattern.kind()).isEqualTo(PatternKind.MATCH_ALL);
    assertThat(pattern.matches(LogInput.ofMessage(""))).isTrue();
  }

  @Test
  void shouldRejectRegexMixedWithTerms() {
    assertThat(syntaxError("ERROR %\\d+%").position()).isEqualTo(6);
  }

  @Test
  void shouldRejectMalformedTerms() {
    assertThat(syntaxError("ERROR \"unterminated").position()).isEqualTo(6);
    assertThat(syntaxError("\"abc\"def").position()).isEqualTo(5);
    assertThat(syntaxError("ERROR -").reason()).isEqualTo("Expected a term after '-'");
  }
}
