package io.tocsin.app.replay;

import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Json;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.rules.CloudTrailRuleMatcher;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleEvent;
import io.tocsin.rules.RuleSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For scoring rules against labelled data: prints one JSON line per event, {@code {"id": …,
 * "rules": […]}} (id = eventID or log event id, else the file and line), with the ids of every rule
 * that matched it — no incidents, no suppression.
 */
final class MatchesReplaySink implements Replay.ReplaySink {

  private final RuleSet rules;
  private final CloudTrailRuleMatcher cloudTrail;
  private final PrintWriter out;

  MatchesReplaySink(RuleSet rules, PrintWriter out) {
    this.rules = rules;
    this.cloudTrail = new CloudTrailRuleMatcher(rules);
    this.out = out;
  }

  @Override
  public void log(LogEvent event) {
    print(
        idOf(event.id(), event.source()),
        rules.matching(Rule.Source.LOGS, RuleEvent.of(event)).stream()
            .map(CompiledRule::id)
            .toList());
  }

  @Override
  public void cloudTrail(CloudTrailEvent event) {
    print(idOf(event.eventId(), event.source()), cloudTrail.match(event).ruleIds());
  }

  @Override
  public void finish(ReplaySummary summary) {
    out.flush();
  }

  /** The event's own id, or where it was read when it has none. */
  private static String idOf(String id, SourcePosition source) {
    return id != null && !id.isEmpty() ? id : source.toString();
  }

  private void print(String id, List<String> matched) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("id", id);
    line.put("rules", matched);
    try {
      out.println(Json.MAPPER.writeValueAsString(line));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
