package io.tocsin.app.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tocsin.model.Alert;
import io.tocsin.model.Json;
import io.tocsin.rules.RuleSet;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** The outputs of replay: alerts, per-event matches, or the noise forecast. */
public final class ReplaySinks {

  private ReplaySinks() {}

  /**
   * Alerts from the detection topology, one JSON line each, with the clock run on to {@code until}
   * after the last record.
   */
  public static Replay.ReplaySink alerts(RuleSet rules, PrintWriter out, ReplayUntil until) {
    return new DetectionReplaySink(rules, alert -> out.println(json(alert)), until);
  }

  /**
   * Alerts from the detection topology, run through {@code forecast}'s routes and storm control;
   * the forecast table is printed to {@code out} at the end.
   */
  public static Replay.ReplaySink forecast(
      RuleSet rules, NoiseForecast forecast, PrintWriter out, ReplayUntil until) {
    return new ForecastReplaySink(
        new DetectionReplaySink(rules, forecast::add, until), forecast, out);
  }

  private static String json(Alert alert) {
    try {
      return Json.MAPPER.writeValueAsString(alert);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One {@code {"id", "rules"}} line per event. */
  public static Replay.ReplaySink matches(RuleSet rules, PrintWriter out) {
    return new MatchesReplaySink(rules, out);
  }
}
