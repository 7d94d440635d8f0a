package io.tocsin.app.replay;

import io.tocsin.rules.RuleSet;
import java.io.PrintWriter;

/** The two outputs of replay. */
public final class ReplaySinks {

  private ReplaySinks() {}

  /**
   * Alerts from the detection topology, one JSON line each, with the clock run on to {@code until}
   * after the last record.
   */
  public static Replay.ReplaySink alerts(RuleSet rules, PrintWriter out, ReplayUntil until) {
    return new DetectionReplaySink(rules, out, until);
  }

  /** One {@code {"id", "rules"}} line per event. */
  public static Replay.ReplaySink matches(RuleSet rules, PrintWriter out) {
    return new MatchesReplaySink(rules, out);
  }
}
