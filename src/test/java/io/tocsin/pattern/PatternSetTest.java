package io.tocsin.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PatternSet on hand-picked rule sets, including overlapping literals. */
class PatternSetTest {

  @Test
  void shouldReturnKeysOfMatchingPatternsInOrder() {
    Map<String, FilterPattern> rules =
        Map.of(
            "errors", FilterPattern.compile("ERROR -DEBUG"),
            "timeouts", FilterPattern.compile("?timeout ?\"timed out\""),
            "root", FilterPattern.compile("{ $.userIdentity.type = Root }"),
            "4xx", FilterPattern.compile("[..., status = 4*, bytes]"));
    List<String> order = List.of("errors", "timeouts", "root", "4xx");
    PatternSet<String> set = PatternSet.of(order, rules::get);

    assertThat(set.size()).isEqualTo(4);
    assertThat(set.matching(LogInput.ofMessage("ERROR Task timed out after 3.00 seconds")))
        .containsExactly("errors", "timeouts");
    assertThat(set.matching(LogInput.ofMessage("GET /x 404 12"))).containsExactly("4xx");
    assertThat(set.matching(LogInput.ofMessage("{\"userIdentity\":{\"type\":\"Root\"}}")))
        .containsExactly("root");
    assertThat(set.matching(LogInput.ofMessage("DEBUG ERROR"))).isEmpty();
  }

  @Test
  void shouldHandleOverlappingAndNestedLiterals() {
    PatternSet<FilterPattern> set =
        PatternSet.of(
            List.of(
                FilterPattern.compile("he"),
                FilterPattern.compile("she"),
                FilterPattern.compile("hers"),
                FilterPattern.compile("his"),
                FilterPattern.compile("\"\"")));
    BitSet matched = set.matchingIndexes(LogInput.ofMessage("ushers"));
    assertThat(matched.stream().toArray()).containsExactly(0, 1, 2, 4);
  }

  @Test
  void shouldMatchConjunctionsOfRequiredValuesOnlyWhenEveryOneHolds() {
    List<String> order = List.of("login", "rootLogin", "rootAnything", "report", "slowReport");
    Map<String, FilterPattern> rules =
        Map.of(
            "login", FilterPattern.compile("{ $.eventName = ConsoleLogin }"),
            "rootLogin",
                FilterPattern.compile(
                    "{ $.eventName = ConsoleLogin && $.userIdentity.type = Root }"),
            "rootAnything", FilterPattern.compile("{ $.userIdentity.type = Root || $.x = 1 }"),
            "report", FilterPattern.compile("[type = REPORT, ...]"),
            "slowReport", FilterPattern.compile("[type = REPORT, id, kind = *Slow*]"));
    PatternSet<String> set = PatternSet.of(order, rules::get);

    assertThat(
            set.matching(
                LogInput.ofMessage("{\"eventName\":\"ConsoleLogin\",\"userIdentity\":{}}")))
        .containsExactly("login");
    assertThat(
            set.matching(
                LogInput.ofMessage(
                    "{\"eventName\":\"ConsoleLogin\",\"userIdentity\":{\"type\":\"Root\"}}")))
        .containsExactly("login", "rootLogin", "rootAnything");
    assertThat(
            set.matching(
                LogInput.ofMessage("{\"eventName\":\"X\",\"userIdentity\":{\"type\":\"Root\"}}")))
        .containsExactly("rootAnything");
    assertThat(set.matching(LogInput.ofMessage("REPORT 12 VerySlowCall")))
        .containsExactly("report", "slowReport");
    assertThat(set.matching(LogInput.ofMessage("REPORT 12 FastCall"))).containsExactly("report");
    assertThat(set.matching(LogInput.ofMessage("START 12 VerySlowCall"))).isEmpty();
  }

  @Test
  void shouldMatchEveryNumericBoundAFieldPasses() {
    List<FilterPattern> patterns =
        List.of(
            FilterPattern.compile("[kind, ms > 100, ...]"),
            FilterPattern.compile("[kind, ms >= 200, ...]"),
            FilterPattern.compile("[kind, ms > 300, ...]"),
            FilterPattern.compile("[kind, ms < 150, ...]"),
            FilterPattern.compile("[kind, ms <= 200, ...]"),
            FilterPattern.compile("[kind, ms < 50, ...]"),
            FilterPattern.compile("[kind = REPORT, ms > 250]"));
    PatternSet<FilterPattern> set = PatternSet.of(patterns);

    assertThat(set.matchingIndexes(LogInput.ofMessage("REPORT 200 x")).stream().toArray())
        .containsExactly(0, 1, 4);
    assertThat(set.matchingIndexes(LogInput.ofMessage("REPORT 300.0")).stream().toArray())
        .containsExactly(0, 1, 6);
    assertThat(set.matchingIndexes(LogInput.ofMessage("REPORT 1e1")).stream().toArray())
        .containsExactly(3, 4, 5);
    assertThat(set.matchingIndexes(LogInput.ofMessage("REPORT slow")).stream().toArray()).isEmpty();
  }

  @Test
  void shouldMatchNothingForEmptySet() {
    assertThat(PatternSet.of(List.of()).matching(LogInput.ofMessage("x"))).isEmpty();
  }
}
