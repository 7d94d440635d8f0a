package io.tocsin.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleEvent;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the bench's realistic traffic, {@link RuleSet#matching} (all rules at once, through the
 * pattern index) finds exactly the rules whose pattern matches alone, for the default pack and for
 * a generated pack of 1,000 rules.
 */
class RuleSetAgreementTest {

  private static final Corpus CORPUS =
      Corpus.generate(11, 3_000, 600, Instant.parse("2024-05-01T12:00:00Z"));

  @TempDir Path dir;

  @Test
  void shouldAgreeWithEachRuleAloneForTheDefaultPack() {
    assertAgrees(RuleLoader.load(List.of(), true));
  }

  @Test
  void shouldAgreeWithEachRuleAloneForAThousandGeneratedRules() {
    assertAgrees(RuleGenerator.load(1000, dir));
  }

  private static void assertAgrees(RuleSet rules) {
    long matched =
        agree(rules, Rule.Source.LOGS, CORPUS.logs(), RuleEvent::of)
            + agree(rules, Rule.Source.CLOUDTRAIL, CORPUS.cloudTrail(), RuleEvent::of);
    assertThat(matched).isPositive();
  }

  private static <E> long agree(
      RuleSet rules, Rule.Source source, List<E> events, Function<E, RuleEvent> view) {
    List<CompiledRule> ofSource =
        rules.all().stream().filter(r -> r.rule().source() == source).toList();
    long matched = 0;
    for (E event : events) {
      RuleEvent each = view.apply(event);
      List<CompiledRule> alone =
          ofSource.stream()
              .filter(r -> r.appliesTo(each.field("log_group")))
              .filter(r -> r.pattern().matches(each.input()))
              .toList();
      assertThat(rules.matching(source, view.apply(event))).as("%s", event).isEqualTo(alone);
      matched += alone.size();
    }
    return matched;
  }
}
