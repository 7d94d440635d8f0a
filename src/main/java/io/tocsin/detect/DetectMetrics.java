package io.tocsin.detect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The detection meters: events matched per rule, alerts raised and resolved per rule and severity,
 * and events stamped ahead of this host's clock. Counted as records are processed, so a task that
 * aborts a transaction and processes its records again counts them again.
 */
public final class DetectMetrics {

  /** Meters that count nothing (tests, replay, generated docs). */
  public static final DetectMetrics NONE = new DetectMetrics(null);

  static final String MATCHED = "tocsin.rules.matched";
  static final String RAISED = "tocsin.alerts.raised";
  static final String RESOLVED = "tocsin.alerts.resolved";
  static final String AHEAD = "tocsin.events.ahead";

  /** How far ahead of this host's clock an event time may be before it is counted as skewed. */
  static final long AHEAD_TOLERANCE_MS = 5_000;

  private final MeterRegistry registry;
  private final Map<String, Counter> matched = new ConcurrentHashMap<>();

  private DetectMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Meters on {@code registry}; {@link #NONE} when it is {@code null}. */
  public static DetectMetrics of(MeterRegistry registry) {
    return registry == null ? NONE : new DetectMetrics(registry);
  }

  /**
   * {@code events} events matched rule {@code ruleId} (matches, or observations of a rate rule).
   */
  void matched(String ruleId, long events) {
    if (registry != null) {
      matched
          .computeIfAbsent(
              ruleId,
              id ->
                  Counter.builder(MATCHED)
                      .description("events that matched a rule")
                      .tag("rule", id)
                      .register(registry))
          .increment(events);
    }
  }

  /** A detector wrote {@code alert} to the alerts topic. */
  void alerted(Alert alert) {
    if (registry != null) {
      boolean firing = alert.status() == AlertStatus.FIRING;
      Counter.builder(firing ? RAISED : RESOLVED)
          .description(firing ? "alerts raised (FIRING)" : "alerts resolved (RESOLVED)")
          .tag("rule", alert.rule().id())
          .tag("severity", alert.rule().severity().label())
          .register(registry)
          .increment();
    }
  }

  /**
   * An event or alert of {@code detector} stamped more than {@link #AHEAD_TOLERANCE_MS} ahead of
   * this host's clock was taken as of now: a source's clock is skewed.
   */
  void ahead(String detector) {
    if (registry != null) {
      Counter.builder(AHEAD)
          .description("events and alerts stamped ahead of this host's clock, taken as of now")
          .tag("detector", detector)
          .register(registry)
          .increment();
    }
  }
}
