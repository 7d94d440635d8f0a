package io.tocsin.pattern;

import static io.tocsin.pattern.MatchSupport.matches;
import static io.tocsin.pattern.MatchSupport.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Standalone %regex% patterns (filter-patterns.md §4): semantics, validation, linear-time search.
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
  void shouldKeepTheDocumentedDialectWhereRe2DefaultsDiffer() {
    assertThat(matches("%a.b%", "a b")).isTrue();
    for (String terminator : new String[] {"\n", "\r", "\u0085", "\u2028", "\u2029"}) {
      assertThat(matches("%a.b%", "a" + terminator + "b")).as(terminator).isFalse();
      assertThat(matches("%error$%", "an error" + terminator)).as(terminator).isTrue();
    }
    assertThat(matches("%error$%", "an error\r\n")).isTrue();
    assertThat(matches("%error$%", "an error\n\n")).isFalse();
    assertThat(matches("%error$%", "an error\nlater")).isFalse();
    assertThat(matches("%^a\\sb$%", "a\u000bb")).isTrue();
    assertThat(matches("%^a[\\s]b$%", "a\u000bb")).isTrue();
    assertThat(matches("%^a\\Sb$%", "a\u000bb")).isFalse();
    assertThat(matches("%^a[x\\S]b$%", "a\u000bb")).isFalse();
    assertThat(matches("%^a\\Sb$%", "a\u00e9b")).isTrue();
    assertThat(matches("%^a[^\\S]b$%", "a\tb")).isTrue();
    assertThat(matches("%a\\ b%", "a b")).isTrue();
    assertThat(matches("%^a$|^b$%", "b\n")).isTrue();
  }

  @Test
  void shouldRefuseWhatALinearEngineCannotMatchWithAClearReason() {
    PatternSyntaxException afterEnd = syntaxError("%error$x%");
    assertThat(afterEnd.position()).isEqualTo(6);
    assertThat(afterEnd.reason()).startsWith("'$' must end the regex or an alternative");
    assertThat(syntaxError("%a{1001}%").reason())
        .isEqualTo("Repetition count above 1000 in '{1001}'");
    assertThat(syntaxError("%a{2,5000}%").position()).isEqualTo(2);
    assertThat(matches("%price \\$5%", "price $5")).isTrue();
  }

  @Test
  @Timeout(20)
  void shouldGiveTheTrueAnswerOnHostileInputInsteadOfGivingUp() {
    String padded = "a".repeat(50_000) + "!c";
    assertThat(matches("%a*c%", padded)).isTrue();
    assertThat(matches("%^a*c%", padded)).isFalse();
    AwsRegex nested = AwsRegex.compile("\\d*\\d*\\d*\\d*\\d*x", 0);
    assertThat(nested.find("1".repeat(65_536))).isFalse();
    assertThat(nested.find("1".repeat(65_536) + "x")).isTrue();
    AwsRegex backtracking = AwsRegex.compile("a*a*b", 0);
    assertThat(backtracking.find("a".repeat(65_536))).isFalse();
    assertThat(backtracking.find("a".repeat(65_536) + "b")).isTrue();
  }

  @Test
  void shouldMatchAHostileJsonFieldWithARegexComparison() {
    String event = "{\"user\":\"" + "a".repeat(65_536) + "!c\"}";
    assertThat(matches("{ $.user = %a*c% }", event)).isTrue();
    assertThat(matches("{ $.user = %^a*$% }", event)).isFalse();
  }

  @Test
  void shouldTreatPercentAsTextInsideQuotes() {
    assertThat(matches("{ $.foo = \"%bar%\" }", "{\"foo\":\"%bar%\"}")).isTrue();
    assertThat(matches("{ $.foo = \"%bar%\" }", "{\"foo\":\"bar\"}")).isFalse();
  }
}
