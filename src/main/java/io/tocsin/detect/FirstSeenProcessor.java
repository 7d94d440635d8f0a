package io.tocsin.detect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Json;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.RuleCondition;
import io.tocsin.rules.RuleSet;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decides {@code first_seen} rules (input key: the scope): remembers when each scope and each
 * subject on it were first seen, and forwards a match when a subject that arrived after the scope's
 * learning period, and is still within {@code new_for} of its arrival, has {@code at_least}
 * matching events within {@code window} (event time). After firing it counts afresh, so a
 * continuing burst folds into the open incident rather than firing per event.
 */
final class FirstSeenProcessor implements Processor<String, Finding, String, Match> {

  private final RuleSet rules;
  private final String storeName;
  private ProcessorContext<String, Match> context;
  private DecodedValues<FirstSeenState> seen;

  FirstSeenProcessor(RuleSet rules, String storeName) {
    this.rules = rules;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, Match> context) {
    this.context = context;
    this.seen = new DecodedValues<>(context.getStateStore(storeName));
  }

  @Override
  public void process(Record<String, Finding> record) {
    Finding finding = record.value();
    Match match = finding.match();
    CompiledRule rule = rules.get(match.ruleId());
    if (rule == null || rule.conditions().firstSeen() == null) {
      return; // a candidate produced before its rule was removed or changed
    }
    RuleCondition.FirstSeen spec = rule.conditions().firstSeen().spec();
    long t = match.eventTime().toEpochMilli();
    String scopeKey = rule.id() + "\n" + finding.scope();
    FirstSeenState scope = seen.get(scopeKey);
    scope = scope == null ? new FirstSeenState(t, false, null) : scope.seenAt(t);
    seen.put(scopeKey, scope);

    String subjectKey = scopeKey + "\n" + finding.subject();
    FirstSeenState subject = seen.get(subjectKey);
    if (subject == null) {
      boolean isNew = t - scope.firstSeenMillis() >= spec.learning().toMillis();
      subject = new FirstSeenState(t, isNew, null);
    } else {
      subject = subject.seenAt(t);
    }
    if (!subject.newOnScope() || t - subject.firstSeenMillis() > spec.newFor().toMillis()) {
      seen.put(subjectKey, subject.cleared());
      return;
    }
    subject = subject.plusRecent(t, spec.atLeast());
    long first = subject.recent().get(0);
    long last = subject.recent().get(subject.recent().size() - 1);
    boolean fires =
        subject.recent().size() >= spec.atLeast() && last - first <= spec.window().toMillis();
    seen.put(subjectKey, fires ? subject.cleared() : subject);
    if (fires) {
      context.forward(
          record
              .withKey(match.fingerprint())
              .withValue(withFirstSeen(match, finding, spec, scope, subject, first, last)));
    }
  }

  private static Match withFirstSeen(
      Match match,
      Finding finding,
      RuleCondition.FirstSeen spec,
      FirstSeenState scope,
      FirstSeenState subject,
      long first,
      long last) {
    ObjectNode context =
        match.context() instanceof ObjectNode node
            ? node.deepCopy()
            : Json.MAPPER.createObjectNode();
    ObjectNode found = context.putObject("firstSeen");
    found.put("subject", finding.subject());
    found.put("scope", finding.scope());
    found.put("subjectFirstSeen", Instant.ofEpochMilli(subject.firstSeenMillis()).toString());
    found.put("scopeFirstSeen", Instant.ofEpochMilli(scope.firstSeenMillis()).toString());
    found.put("events", subject.recent().size());
    found.put("from", Instant.ofEpochMilli(first).toString());
    found.put("to", Instant.ofEpochMilli(last).toString());
    found.put("window", spec.window().toString());
    return match.withContext(context);
  }
}
