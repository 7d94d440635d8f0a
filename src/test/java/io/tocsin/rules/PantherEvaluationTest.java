package io.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.rules.PantherEvaluation.Figures;
import io.tocsin.rules.PantherEvaluation.Outcome;
import io.tocsin.rules.PantherReport.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default pack on all 479 labelled panther-analysis rule-test events: recall and alert rates
 * against the targets, a written reason for every miss and every page on a not-risky event, and
 * EVALUATION.md generated from the same run (rewritten with {@code -Dtocsin.evaluation.write=true},
 * otherwise compared: the test fails on drift).
 */
class PantherEvaluationTest {

  private static final Path DATA = Path.of("src/test/resources/security");
  private static final Path REPORT = DATA.resolve("EVALUATION.md");

  private static List<Outcome> outcomes;
  private static Map<Integer, Reason> reasons;

  @BeforeAll
  static void evaluate() throws IOException {
    outcomes =
        PantherEvaluation.run(RuleLoader.load(List.of(DATA.resolve("panther-allowlists.yaml"))));
    reasons = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(DATA.resolve("panther-reasons.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", 4);
      reasons.put(Integer.parseInt(f[0]), new Reason(Integer.parseInt(f[0]), f[1], f[2], f[3]));
    }
  }

  private static Figures unmocked() {
    return Figures.of(outcomes.stream().filter(o -> !o.row().hasMocks()).toList());
  }

  @Test
  void shouldEvaluateEveryEventOfThePantherSet() {
    assertThat(outcomes).hasSize(479);
    assertThat(unmocked().risky()).isEqualTo(199);
  }

  @Test
  void shouldFindAtLeast90PercentOfTheRiskyEventsWithoutMockedLookups() {
    Figures f = unmocked();
    assertThat(f.recall()).as("recall %d/%d", f.found(), f.risky()).isGreaterThanOrEqualTo(0.90);
  }

  @Test
  void shouldAlertOnAtMost30PercentAndPageOnAtMost5PercentOfTheNotRiskyEvents() {
    Figures f = unmocked();
    assertThat(f.alertRate()).as("alerts %d/%d", f.alerted(), f.benign()).isLessThanOrEqualTo(0.30);
    assertThat(f.pageRate()).as("pages %d/%d", f.paged(), f.benign()).isLessThanOrEqualTo(0.05);
  }

  @Test
  void shouldRaiseAtMostOnePagePerEvent() {
    assertThat(outcomes)
        .allSatisfy(o -> assertThat(o.pages()).as(o.name()).hasSizeLessThanOrEqualTo(1));
  }

  @Test
  void shouldGiveAReasonForEveryMissAndEveryFalsePageAndNoneForAnythingElse() {
    Map<Integer, String> expected =
        outcomes.stream()
            .filter(o -> o.row().risky() ? !o.alerted() : o.paged())
            .collect(
                Collectors.toMap(
                    o -> o.row().line(),
                    o -> (o.row().risky() ? "miss" : "page") + " " + o.name()));
    Map<Integer, String> given =
        reasons.values().stream()
            .collect(Collectors.toMap(Reason::line, r -> r.kind() + " " + r.event()));
    assertThat(given).isEqualTo(expected);
    assertThat(reasons.values()).allSatisfy(r -> assertThat(r.text()).isNotBlank());
  }

  @Test
  void shouldMatchTheCommittedReportOrRewriteItWhenAsked() throws IOException {
    String report = new PantherReport(outcomes, reasons).render();
    if (Boolean.getBoolean("tocsin.evaluation.write")) {
      Files.writeString(REPORT, report, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(REPORT, StandardCharsets.UTF_8))
        .as("EVALUATION.md is stale: rerun with -Dtocsin.evaluation.write=true and commit it")
        .isEqualTo(report);
  }
}
