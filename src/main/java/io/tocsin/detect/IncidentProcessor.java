package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds matches into incidents (key: fingerprint): the first match fires an alert at once, later
 * matches within the rule's suppression window only add to the count and samples, and a wall-clock
 * punctuation resolves an incident once a whole window passed without a match — measured in event
 * time (stream time) or, when traffic stops, in wall-clock time. State lives in a changelogged
 * store, so a restart neither fires again nor forgets an open incident.
 */
final class IncidentProcessor implements Processor<String, Match, String, Alert> {

  /** How often quiet incidents are checked. */
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(IncidentProcessor.class);

  private final RuleSet rules;
  private final String storeName;
  private final DetectMetrics metrics;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, Incident> store;
  private StoreCache<Incident> incidents;

  IncidentProcessor(RuleSet rules, String storeName, DetectMetrics metrics) {
    this.rules = rules;
    this.storeName = storeName;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    this.incidents = new StoreCache<>(store); // a revived task initializes the same instance again
    context.schedule(CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::resolveQuiet);
  }

  @Override
  public void process(Record<String, Match> record) {
    Match match = record.value();
    CompiledRule rule = rules.get(match.ruleId());
    if (rule == null) {
      return; // a match produced before a rule was removed from the configuration
    }
    metrics.matched(match.ruleId());
    long now = context.currentSystemTimeMs();
    Incident open = incidents.get(record.key());
    if (open == null) {
      Incident incident = Incident.open(match, now);
      incidents.put(record.key(), incident);
      context.forward(
          record
              .withValue(MatchAlerts.firing(record.key(), incident, rule))
              .withTimestamp(match.eventTime().toEpochMilli()));
    } else {
      incidents.put(record.key(), open.plus(match, now));
    }
  }

  private void resolveQuiet(long wallClockMillis) {
    long streamTime = context.currentStreamTimeMs();
    List<KeyValue<String, Incident>> quiet = new ArrayList<>();
    try (KeyValueIterator<String, Incident> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, Incident> entry = all.next();
        if (isQuiet(entry.value, streamTime, wallClockMillis)) {
          quiet.add(entry);
        }
      }
    }
    for (KeyValue<String, Incident> entry : quiet) {
      incidents.delete(entry.key);
      CompiledRule rule = rules.get(entry.value.ruleId());
      if (rule == null) {
        LOG.info("dropping incident {} of removed rule {}", entry.key, entry.value.ruleId());
        continue;
      }
      Instant at = Instant.ofEpochMilli(wallClockMillis);
      context.forward(
          new Record<>(
              entry.key, MatchAlerts.resolved(entry.key, entry.value, rule, at), wallClockMillis));
    }
  }

  private boolean isQuiet(Incident incident, long streamTime, long wallClockMillis) {
    CompiledRule rule = rules.get(incident.ruleId());
    if (rule == null) {
      return true;
    }
    long window = rule.rule().suppression().toMillis();
    boolean quietInEventTime = streamTime - incident.lastMatchAt().toEpochMilli() >= window;
    boolean quietOnTheWallClock = wallClockMillis - incident.lastSeenMillis() >= window;
    return quietInEventTime || quietOnTheWallClock;
  }
}
