package io.tocsin.rules;

import io.tocsin.model.Severity;
import io.tocsin.testing.CloudTrailEvents;
import java.util.List;
import java.util.function.Predicate;

/**
 * The default pack's verdict on every labelled panther-analysis rule-test event, matched through
 * {@link CloudTrailRuleMatcher} exactly as the detector and {@code tocsin replay --matches} match
 * them (patterns, conditions, allow-lists, supersedes; no folding of repeats).
 */
final class PantherEvaluation {

  /** What the pack raised on one labelled event. */
  record Outcome(CloudTrailEvents.Labelled row, List<String> alerts, List<String> pages) {

    boolean alerted() {
      return !alerts.isEmpty();
    }

    boolean paged() {
      return !pages.isEmpty();
    }

    /** {@code label / test name}, how the report and the reasons file name an event. */
    String name() {
      return row.label() + " / " + row.testName();
    }
  }

  /** Recall and alert rates over one group of events (with or without mocked lookups). */
  record Figures(int risky, int found, int benign, int alerted, int paged) {

    static Figures of(List<Outcome> outcomes) {
      List<Outcome> risky = outcomes.stream().filter(o -> o.row().risky()).toList();
      List<Outcome> benign = outcomes.stream().filter(o -> !o.row().risky()).toList();
      return new Figures(
          risky.size(),
          count(risky, Outcome::alerted),
          benign.size(),
          count(benign, Outcome::alerted),
          count(benign, Outcome::paged));
    }

    private static int count(List<Outcome> outcomes, Predicate<Outcome> test) {
      return (int) outcomes.stream().filter(test).count();
    }

    double recall() {
      return risky == 0 ? 1 : (double) found / risky;
    }

    double alertRate() {
      return benign == 0 ? 0 : (double) alerted / benign;
    }

    double pageRate() {
      return benign == 0 ? 0 : (double) paged / benign;
    }
  }

  private PantherEvaluation() {}

  /** The outcome of every event of the panther set, in file order. */
  static List<Outcome> run(RuleSet rules) {
    CloudTrailRuleMatcher matcher = new CloudTrailRuleMatcher(rules);
    return CloudTrailEvents.panther().stream()
        .map(
            row -> {
              List<CloudTrailRuleMatcher.RuleMatch> alerts = matcher.match(row.event()).alerts();
              return new Outcome(
                  row,
                  alerts.stream().map(m -> m.rule().id()).toList(),
                  alerts.stream()
                      .filter(m -> pages(m.rule().rule().severity()))
                      .map(m -> m.rule().id())
                      .toList());
            })
        .toList();
  }

  /** Whether an alert of {@code severity} pages someone (critical and high do). */
  static boolean pages(Severity severity) {
    return severity == Severity.CRITICAL || severity == Severity.HIGH;
  }
}
