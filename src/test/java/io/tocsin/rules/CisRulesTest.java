package io.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Json;
import io.tocsin.pattern.FilterPattern;
import io.tocsin.pattern.LogInput;
import io.tocsin.testing.CloudTrailEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CIS and Security Hub monitoring patterns (cis_patterns.tsv) against their cases in cases.tsv:
 * every pattern fires on its positive events and not on its negatives, and so do the default pack's
 * CIS rules, which carry those patterns verbatim under their narrowing conditions.
 */
class CisRulesTest {

  /** One row of cases.tsv: a pattern, an event and whether the pattern matches it. */
  record Case(String pattern, String message, boolean match, String note) {}

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in = CisRulesTest.class.getResourceAsStream(resource)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(text.split("\n")));
      lines.remove(0);
      return lines;
    }
  }

  /** CIS id → pattern, verbatim. */
  private static Map<String, String> cisPatterns() throws IOException {
    Map<String, String> patterns = new LinkedHashMap<>();
    for (String line : lines("/filter-patterns/cis_patterns.tsv")) {
      String[] fields = line.split("\t");
      patterns.put(fields[0], fields[2]);
    }
    return patterns;
  }

  private static List<Case> cases(String pattern) throws IOException {
    List<Case> cases = new ArrayList<>();
    for (String line : lines("/filter-patterns/cases.tsv")) {
      String[] f = line.split("\t", -1);
      if (f[0].equals(pattern)) {
        cases.add(new Case(f[0], f[1], f[2].equals("match"), f[3]));
      }
    }
    return cases;
  }

  @Test
  void shouldFireEveryCisPatternOnItsPositivesAndNotOnItsNegatives() throws IOException {
    int checked = 0;
    for (Map.Entry<String, String> cis : cisPatterns().entrySet()) {
      FilterPattern pattern = FilterPattern.compile(cis.getValue());
      for (Case c : cases(cis.getValue())) {
        assertThat(pattern.matches(LogInput.ofMessage(c.message())))
            .as("%s: %s", cis.getKey(), c.note())
            .isEqualTo(c.match());
        checked++;
      }
    }
    assertThat(checked).as("cases of CIS patterns in cases.tsv").isEqualTo(36);
  }

  @Test
  void shouldKeepThePacksCisRulesVerbatimAndAgreeWithEveryCaseOfTheirPattern() throws IOException {
    RuleSet rules = RuleLoader.load(List.of());
    List<CompiledRule> cisRules =
        rules.all().stream().filter(r -> r.id().startsWith("cis-")).toList();
    assertThat(cisRules).hasSize(14);
    int checked = 0;
    for (CompiledRule rule : cisRules) {
      assertThat(cisPatterns().values()).as(rule.id()).contains(rule.rule().pattern());
      for (Case c : cases(rule.rule().pattern())) {
        JsonNode event = Json.MAPPER.readTree(c.message());
        boolean fired = rule.matches(RuleEvent.of(CloudTrailEvents.of(event, "case")));
        assertThat(fired).as("%s: %s", rule.id(), c.note()).isEqualTo(c.match());
        checked++;
      }
    }
    assertThat(checked).as("cases of the pack's CIS patterns").isEqualTo(26);
  }
}
