package io.tocsin.testing;

import io.tocsin.model.Alert;
import io.tocsin.model.LogEvent;
import io.tocsin.model.MinuteFigure;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.store.SeriesFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Real rate alerts for the analyst tests: the default pack's Lambda failure-rate rules, sliding and
 * periodic, on the production detection topology over seeded Lambda traffic in which {@code
 * orders-api} steps from 1 % to 8 % failures for three minutes, so each rule fires once and
 * resolves; with the per-minute figures the detector recorded for the sliding rule.
 */
public final class RateAlerts {

  /** When the traffic starts. */
  public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  /** The sliding rule (trailing minute, re-evaluated per event). */
  public static final String SLIDING = "lambda-failure-rate";

  /** Where the detector keeps the sliding rule's figures (grouped by log group: in place). */
  private static final String FIGURE_STORE = "logs-rate-figures";

  /** The periodic rule (aligned one-minute datapoints, 2 of 3). */
  public static final String PERIODIC = "lambda-failure-rate-periodic";

  private static final RuleSet DEFAULTS = RuleLoader.load(List.of());
  private static List<Alert> alerts;
  private static Map<String, List<MinuteFigure>> figures;

  private RateAlerts() {}

  /** The two rules, as loaded from the default pack. */
  public static List<CompiledRule> rules() {
    return List.of(DEFAULTS.get(SLIDING), DEFAULTS.get(PERIODIC));
  }

  /** The state changes of both rules, in order (replayed once). */
  public static synchronized List<Alert> alerts() {
    replay();
    return alerts;
  }

  /**
   * The sliding rule's per-minute figures the detector recorded in the same replay, by fingerprint,
   * as the API reads them.
   */
  public static synchronized SeriesFigures figures() {
    replay();
    return (fingerprint, from, to) ->
        figures.getOrDefault(fingerprint, List.of()).stream()
            .filter(f -> !f.at().isBefore(from) && !f.at().isAfter(to))
            .toList();
  }

  private static void replay() {
    if (alerts == null) {
      LambdaTraffic traffic = new LambdaTraffic(7);
      List<LogEvent> events = new ArrayList<>();
      events.addAll(phase(traffic, 0, 4, 0.01));
      events.addAll(phase(traffic, 4, 3, 0.08));
      events.addAll(phase(traffic, 7, 3, 0.01));
      try (DetectionDriver driver = new DetectionDriver(new RuleSet(rules()), T0)) {
        alerts = new Replay(driver, T0).play(events).idle(Duration.ofMinutes(2)).alerts();
        Instant end = T0.plus(Duration.ofMinutes(15));
        figures = new HashMap<>();
        for (Alert alert : alerts) {
          figures.computeIfAbsent(
              alert.fingerprint(),
              fingerprint -> driver.figures(FIGURE_STORE, fingerprint, T0, end));
        }
      }
    }
  }

  /** Real alerts and rules with these rate alerts and their two rules added. */
  public static RuleSet withRealRules() {
    List<CompiledRule> all = new ArrayList<>(RealAlerts.rules().all());
    all.addAll(rules());
    return new RuleSet(all);
  }

  private static List<LogEvent> phase(
      LambdaTraffic traffic, long fromMinute, long minutes, double failureRate) {
    return traffic.invocations(
        "orders-api",
        T0.plus(Duration.ofMinutes(fromMinute)),
        Duration.ofMinutes(minutes),
        5,
        failureRate);
  }
}
