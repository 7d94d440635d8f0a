package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.pattern.LogInput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Runs the inline {@code tests:} of rules: each example event is matched against its rule (pattern
 * and, when the example names a log group, the rule's log-group scope). For a rate rule {@code
 * fires} is "counts in the numerator" and {@code denominator} (optional) is checked against the
 * denominator pattern; for a threshold rule {@code fires} is "contributes a value" and {@code
 * value} (optional) is the value it must contribute. Whole-window behaviour (ratios, periods,
 * missing data) is covered by the detector tests, not by single events.
 */
public final class RuleExamples {

  private static final SourcePosition SOURCE = new SourcePosition("file", "inline-test", "", "");

  private RuleExamples() {}

  /**
   * The outcome of one example; {@code mismatch} says what else than {@code fires} did not hold (a
   * denominator or value expectation), or is {@code null}.
   */
  public record Outcome(
      CompiledRule rule, int index, Rule.RuleExample example, boolean fired, String mismatch) {
    /** Whether the rule behaved as the example expects. */
    public boolean passed() {
      return fired == example.fires() && mismatch == null;
    }

    /** What did not hold, for reports; {@code null} when passed. */
    public String problem() {
      if (fired != example.fires()) {
        return "expected "
            + (example.fires() ? "to fire" : "not to fire")
            + ", but it "
            + (fired ? "fired" : "did not fire");
      }
      return mismatch;
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
        outcomes.add(outcome(rule, i, tests.get(i)));
      }
    }
    return outcomes;
  }

  private static Outcome outcome(CompiledRule rule, int index, Rule.RuleExample example) {
    JsonNode event = example.event();
    RuleEvent view;
    boolean inScope;
    if (rule.rule().source() == Rule.Source.CLOUDTRAIL) {
      view = RuleEvent.of(cloudTrail(event));
      inScope = true;
    } else {
      view = RuleEvent.of(log(event));
      String logGroup = view.field("log_group");
      inScope = logGroup == null || rule.appliesTo(logGroup);
    }
    LogInput input = view.input();
    if (rule.rule().kind() != Rule.Kind.THRESHOLD) {
      // Match rules also apply their conditions and allow-lists, as the detector does.
      boolean fired =
          inScope
              && rule.pattern().matches(input)
              && (rule.rule().kind() != Rule.Kind.MATCH || rule.evaluate(view).fires());
      String mismatch = null;
      Boolean expected = example.denominator();
      if (expected != null && expected != (inScope && rule.denominator().matches(input))) {
        mismatch = "expected it " + (expected ? "to" : "not to") + " count in the denominator";
      }
      return new Outcome(rule, index, example, fired, mismatch);
    }
    OptionalDouble value = inScope ? rule.value().valueOf(input) : OptionalDouble.empty();
    Double expected = example.value();
    String mismatch = null;
    if (expected != null
        && (value.isEmpty()
            || Math.abs(value.getAsDouble() - expected) > 1e-9 * (1 + Math.abs(expected)))) {
      mismatch =
          "expected the value "
              + expected
              + ", got "
              + (value.isPresent() ? value.getAsDouble() : "none");
    }
    return new Outcome(rule, index, example, value.isPresent(), mismatch);
  }

  private static LogEvent log(JsonNode event) {
    String message = event.isTextual() ? event.asText() : event.path("message").asText();
    return new LogEvent(
        "123456789012",
        event.path("log_group").asText(null),
        event.path("log_stream").asText("inline-test"),
        "0",
        0L,
        message,
        SOURCE);
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
