package io.tocsin.detect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Json;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.FirstSeenKeys;
import io.tocsin.rules.RuleCondition;
import io.tocsin.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Decides {@code first_seen} rules (input key: the scope): remembers when each scope and each
 * subject on it were first seen, and forwards a match when a subject that arrived after the scope's
 * learning period, and is still within {@code new_for} of its arrival, has {@code at_least}
 * matching events within {@code window} (event time). After firing it counts afresh, so a
 * continuing burst folds into the open incident rather than firing per event. A subject or scope
 * unseen for {@code forget_after} is forgotten (new again when it returns; dropped from the store
 * every hour of stream time), and a scope remembers at most {@code max_subjects} subjects.
 */
final class FirstSeenProcessor implements Processor<String, Finding, String, Match> {

  /** How often scopes and subjects unseen for their rule's {@code forget_after} are dropped. */
  static final Duration PURGE_INTERVAL = Duration.ofHours(1);

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
    context.schedule(PURGE_INTERVAL, PunctuationType.STREAM_TIME, this::purge);
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
    long horizon = spec.forgetAfter().toMillis();
    FirstSeenState scope = seen.get(scopeKey);
    if (scope == null) {
      scope = FirstSeenState.first(t, false);
    } else if (scope.forgottenAt(t, horizon)) {
      // Unseen for the horizon: learning starts again; its subjects, older still, are forgotten.
      scope = FirstSeenState.first(t, false).withSubjects(scope.subjects());
    } else {
      scope = scope.seenAt(t);
    }

    String subjectKey = scopeKey + "\n" + finding.subject();
    FirstSeenState subject = seen.get(subjectKey);
    if (subject == null || subject.forgottenAt(t, horizon)) {
      if (subject == null) {
        scope = makeRoom(scopeKey, scope, spec.maxSubjects());
      }
      boolean isNew = t - scope.firstSeenMillis() >= spec.learning().toMillis();
      subject = FirstSeenState.first(t, isNew);
    } else {
      subject = subject.seenAt(t);
    }
    seen.put(scopeKey, scope);
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

  /**
   * {@code scope} with one more subject remembered: at {@code max}, the subject of the scope unseen
   * longest is forgotten first (a scan of the scope's subjects, only at the cap).
   */
  private FirstSeenState makeRoom(String scopeKey, FirstSeenState scope, int max) {
    if (scope.subjects() < max) {
      return scope.withSubjects(1);
    }
    String oldest = null;
    long oldestSeen = Long.MAX_VALUE;
    try (KeyValueIterator<String, FirstSeenState> subjects = seen.prefixScan(scopeKey + "\n")) {
      while (subjects.hasNext()) {
        KeyValue<String, FirstSeenState> entry = subjects.next();
        if (entry.value.lastSeenMillis() < oldestSeen) {
          oldest = entry.key;
          oldestSeen = entry.value.lastSeenMillis();
        }
      }
    }
    if (oldest == null) {
      return scope.withSubjects(1); // the count was stale: no subject is stored
    }
    seen.delete(oldest);
    return scope;
  }

  /**
   * Forgets every scope and subject unseen for its rule's {@code forget_after} (stream time), and
   * the subjects of rules no longer loaded; the scopes' subject counts follow.
   */
  private void purge(long streamTime) {
    List<String> expired = new ArrayList<>();
    Map<String, Integer> dropped = new HashMap<>();
    try (KeyValueIterator<String, FirstSeenState> all = seen.all()) {
      while (all.hasNext()) {
        KeyValue<String, FirstSeenState> entry = all.next();
        int ruleEnd = entry.key.indexOf('\n');
        CompiledRule rule = rules.get(entry.key.substring(0, ruleEnd));
        FirstSeenKeys keys = rule == null ? null : rule.conditions().firstSeen();
        if (keys == null
            || entry.value.forgottenAt(streamTime, keys.spec().forgetAfter().toMillis())) {
          expired.add(entry.key);
          int subjectAt = entry.key.indexOf('\n', ruleEnd + 1);
          if (subjectAt > 0) {
            dropped.merge(entry.key.substring(0, subjectAt), 1, Integer::sum);
          }
        }
      }
    }
    expired.forEach(seen::delete);
    dropped.forEach(
        (scopeKey, count) -> {
          FirstSeenState scope = seen.get(scopeKey);
          if (scope != null) {
            seen.put(scopeKey, scope.withSubjects(-count));
          }
        });
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
