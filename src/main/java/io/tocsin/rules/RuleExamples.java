package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the inline {@code tests:} of rules: each example event is matched against its rule (pattern
 * and, when the example names a log group, the rule's log-group scope).
 */
public final class RuleExamples {

  private static final SourcePosition SOURCE = new SourcePosition("file", "inline-test", "", "");

  private RuleExamples() {}

  /** The outcome of one example. */
  public record Outcome(CompiledRule rule, int index, Rule.RuleExample example, boolean fired) {
    /** Whether the rule behaved as the example expects. */
    public boolean passed() {
      return fired == example.fires();
    }

    /** {@code rule-id #2 (name)} for reports. */
    public String label() {
      String name = example.name() == null ? "" : " (" + example.name() + ")";
      return rule.id() + " #" + (index + 1) + name;
    }
  }

  /** Runs every example of every rule in {@code rules}. */
  public static List<Outcome> run(RuleSet rules) {
    List<Outcome> outcomes = new ArrayList<>();
    for (CompiledRule rule : rules.all()) {
      List<Rule.RuleExample> tests = rule.rule().tests();
      for (int i = 0; i < tests.size(); i++) {
        Rule.RuleExample example = tests.get(i);
        outcomes.add(new Outcome(rule, i, example, fires(rule, example.event())));
      }
    }
    return outcomes;
  }

  private static boolean fires(CompiledRule rule, JsonNode event) {
    if (rule.rule().source() == Rule.Source.CLOUDTRAIL) {
      return rule.matches(RuleEvent.of(cloudTrail(event)));
    }
    String message = event.isTextual() ? event.asText() : event.path("message").asText();
    String logGroup = event.path("log_group").asText(null);
    LogEvent log =
        new LogEvent(
            "123456789012",
            logGroup,
            event.path("log_stream").asText("inline-test"),
            "0",
            0L,
            message,
            SOURCE);
    RuleEvent view = RuleEvent.of(log);
    return logGroup == null ? rule.pattern().matches(view.input()) : rule.matches(view);
  }

  private static CloudTrailEvent cloudTrail(JsonNode e) {
    return new CloudTrailEvent(
        e.path("eventID").asText(""),
        time(e.path("eventTime").asText("")),
        e.path("eventSource").asText(""),
        e.path("eventName").asText(""),
        e.path("recipientAccountId").asText(e.path("userIdentity").path("accountId").asText("")),
        e.path("awsRegion").asText(""),
        "cloudtrail",
        e,
        SOURCE);
  }

  private static Instant time(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
