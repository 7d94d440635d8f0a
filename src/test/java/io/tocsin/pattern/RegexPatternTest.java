package io.tocsin.pattern;

import static io.tocsin.pattern.MatchSupport.matches;
import static io.tocsin.pattern.MatchSupport.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Standalone %regex% patterns (filter-patterns.md §4): semantics, validation, backtracking guard.
 */
class RegexPatternTest {

  @Test
  void shouldSearchRatherThanFullMatch() {
    assertThat(FilterPattern.compile("%AUTHORIZED%").kind()).isEqualTo(PatternKind.REGEX);
    assertThat(matches("%AUTHORIZED%", "UNAUTHORIZED REQUEST")).isTrue();
    assertThat(matches("%^[hc]at%", "hat trick")).isTrue();
    assertThat(matches("%^[hc]at%", "that")).isFalse();
    assertThat(matches("%error$%", "an error")).isTrue();
  }

  @Test
  void shouldAlternateOverTheWholeRegex() {
    assertThat(matches("%gra|ey%", "grey")).isTrue();
    assertThat(matches("%^starting|^shutting down%", "skipping shutting down")).isFalse();
    assertThat(matches("%^starting|^shutting down%", "shutting down now")).isTrue();
  }

  @Test
  void shouldSupportRepetitionIncludingOmittedLowerBound() {
    assertThat(matches("%^a{3,5}$%", "aa")).isFalse();
    assertThat(matches("%^a{3,5}$%", "aaaa")).isTrue();
    assertThat(matches("%^a{,2}b%", "aab")).isTrue();
    assertThat(matches("%^a{,2}b$%", "aaab")).isFalse();
    assertThat(matches("%^a{2,}$%", "aaaaaa")).isTrue();
  }

  @Test
  void shouldSupportClassesAndEscapes() {
    assertThat(matches("%\\d{3}%", "HTTP 404")).isTrue();
    assertThat(matches("%\\W%", "abc_123")).isFalse();
    assertThat(matches("%\\x28%", "f(x)")).isTrue();
    assertThat(matches("%10\\.10%", "10010")).isFalse();
    assertThat(matches("%[^0-9]%", "123")).isFalse();
    assertThat(matches("%[[]%", "a[b")).isTrue();
    assertThat(matches("%[]a]%", "x]")).isTrue();
    assertThat(matches("%a\\-b\\/c%", "a-b/c")).isTrue();
    assertThat(matches("%key: value%", "key: value")).isTrue();
  }

  @Test
  void shouldRejectCharactersAwsRejects() {
    PatternSyntaxException group = syntaxError("%(abc)%");
    assertThat(group.position()).isEqualTo(1);
    assertThat(group.reason()).startsWith("Invalid character(s) in term");
    assertThat(syntaxError("%something!%").position()).isEqualTo(10);
    assertThat(syntaxError("%caf\u00e9%").position()).isEqualTo(4);
    assertThat(syntaxError("%a\tb%").position()).isEqualTo(2);
  }

  @Test
  void shouldRejectUnsupportedOrBrokenSyntax() {
    assertThat(syntaxError("%\\t%").reason()).isEqualTo("Unsupported escape '\\t'");
    assertThat(syntaxError("%\\x4%").position()).isEqualTo(1);
    assertThat(syntaxError("%[abc%").reason()).isEqualTo("Unclosed character class '['");
    assertThat(syntaxError("%a++%").reason()).isEqualTo("Nested quantifier '+'");
    assertThat(syntaxError("%*a%").reason()).startsWith("Invalid regular expression");
    assertThat(syntaxError("%a{x}%").reason()).startsWith("Invalid repetition");
    assertThat(syntaxError("%%").reason()).isEqualTo("Empty regular expression");
  }

  @Test
  void shouldRejectRegexThatBacktracksCatastrophically() {
    PatternSyntaxException e = syntaxError("%\\d*\\d*\\d*\\d*\\d*x%");
    assertThat(e.reason()).isEqualTo("Regular expression evaluation time exceeded allowed limit");
  }

  @Test
  void shouldGiveUpOnSearchThatExceedsItsBudget() {
    AwsRegex regex = AwsRegex.compile("a*a*b", 0);
    assertThat(regex.find("aaab")).isTrue();
    assertThat(regex.find("a".repeat(20_000))).isFalse();
  }

  @Test
  void shouldTreatPercentAsTextInsideQuotes() {
    assertThat(matches("{ $.foo = \"%bar%\" }", "{\"foo\":\"%bar%\"}")).isTrue();
    assertThat(matches("{ $.foo = \"%bar%\" }", "{\"foo\":\"bar\"}")).isFalse();
  }
}
