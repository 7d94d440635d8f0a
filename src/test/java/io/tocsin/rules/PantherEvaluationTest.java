package io.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.testing.CloudTrailEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The default pack on real, labelled data: the 479 panther-analysis rule-test events, matched
 * through {@link CloudTrailRuleMatcher} exactly as {@code tocsin replay --matches} and the detector
 * match them (no suppression of repeats). For the panther labels in scope (panther-scope.tsv maps
 * each to our rules of the same intent): recall on risky events must be at least 95 %, and at most
 * 5 % of the non-risky events may raise an alert of the same intent. The misses left and why are in
 * src/test/resources/security/EVALUATION.md.
 */
class PantherEvaluationTest {

  private static final Path DATA = Path.of("src/test/resources/security");

  /** Recall and false alerts over the in-scope events, with the events behind the shortfalls. */
  record Figures(
      int positives,
      int hits,
      int negatives,
      int falseAlerts,
      List<String> misses,
      List<String> noise) {
    double recall() {
      return positives == 0 ? 1 : (double) hits / positives;
    }

    double falseAlertRate() {
      return negatives == 0 ? 0 : (double) falseAlerts / negatives;
    }
  }

  private static Map<String, Set<String>> scope() throws IOException {
    Map<String, Set<String>> scope = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(DATA.resolve("panther-scope.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split("\t");
      scope.put(fields[0], Set.of(fields[1].split(",")));
    }
    return scope;
  }

  private static RuleSet rules() {
    return RuleLoader.load(List.of(DATA.resolve("panther-allowlists.yaml")));
  }

  /** The figures over the in-scope events, leaving out those whose test mocked lookups if asked. */
  static Figures evaluate(RuleSet rules, Map<String, Set<String>> scope, boolean withMocks) {
    CloudTrailRuleMatcher matcher = new CloudTrailRuleMatcher(rules);
    int positives = 0;
    int hits = 0;
    int negatives = 0;
    int falseAlerts = 0;
    List<String> misses = new ArrayList<>();
    List<String> noise = new ArrayList<>();
    for (CloudTrailEvents.Labelled row : CloudTrailEvents.panther()) {
      Set<String> intent = scope.get(row.label());
      if (intent == null || row.hasMocks() && !withMocks) {
        continue;
      }
      List<String> matched = matcher.match(row.event()).ruleIds();
      boolean alerted = matched.stream().anyMatch(intent::contains);
      String what = row.label() + " / " + row.testName() + " -> " + matched;
      if (row.risky()) {
        positives++;
        if (alerted) {
          hits++;
        } else {
          misses.add(what);
        }
      } else {
        negatives++;
        if (alerted) {
          falseAlerts++;
          noise.add(what);
        }
      }
    }
    return new Figures(positives, hits, negatives, falseAlerts, misses, noise);
  }

  @Test
  void shouldMapEveryInScopeLabelToRulesOfThePack() throws IOException {
    RuleSet rules = rules();
    Set<String> labels = new HashSet<>();
    CloudTrailEvents.panther().forEach(r -> labels.add(r.label()));
    scope()
        .forEach(
            (label, ids) -> {
              assertThat(labels).as("label in the data").contains(label);
              ids.forEach(id -> assertThat(rules.get(id)).as(label + " -> " + id).isNotNull());
            });
  }

  @Test
  void shouldFindAtLeast95PercentOfRiskyEventsWithAtMost5PercentFalseAlerts() throws IOException {
    Figures figures = evaluate(rules(), scope(), true);
    Figures unmocked = evaluate(rules(), scope(), false);
    for (Figures f : List.of(figures, unmocked)) {
      System.out.printf(
          "panther in scope%s: recall %d/%d = %.3f, false alerts %d/%d = %.3f%n",
          f == figures ? "" : " without mocked tests",
          f.hits(),
          f.positives(),
          f.recall(),
          f.falseAlerts(),
          f.negatives(),
          f.falseAlertRate());
    }
    figures.misses().forEach(m -> System.out.println("  missed: " + m));
    figures.noise().forEach(n -> System.out.println("  false alert: " + n));
    assertThat(figures.recall())
        .as("recall; missed: %s", figures.misses())
        .isGreaterThanOrEqualTo(0.95);
    assertThat(figures.falseAlertRate())
        .as("false alerts: %s", figures.noise())
        .isLessThanOrEqualTo(0.05);
  }
}
