package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds matches into incidents (store key and alert key: the match's fingerprint): the first match
 * fires an alert at once, later matches within the rule's suppression window only add to the count
 * and samples, and a wall-clock punctuation resolves an incident once a whole window passed without
 * a match — measured in event time (stream time) or, when traffic stops, in wall-clock time. State
 * lives in two changelogged stores with Streams' record cache, written on every match and reaching
 * the changelog once per commit, so a restart neither fires again nor forgets an open incident: the
 * incident itself, written when it opens and while its samples and event IDs grow, and its {@link
 * IncidentCounts}, written on every match — a busy incident costs a few bytes per match, not its
 * whole context. The processor reads its own copy of the open incidents (rebuilt from both stores
 * on every init, so a task revived after a crash starts from what the restored stores hold), never
 * the stores: a match costs one small encode, and the quiet check costs microseconds per thousand
 * incidents.
 */
final class IncidentProcessor implements Processor<String, Match, String, Alert> {

  /** How often quiet incidents are checked. */
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(IncidentProcessor.class);

  private final RuleSet rules;
  private final String storeName;
  private final String countsStoreName;
  private final DetectMetrics metrics;
  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, Incident> incidents;
  private KeyValueStore<String, IncidentCounts> counts;
  private final Map<String, Incident> open = new HashMap<>();

  /** Keeps incidents in store {@code storeName} and their counts in {@code countsStoreName}. */
  IncidentProcessor(
      RuleSet rules, String storeName, String countsStoreName, DetectMetrics metrics) {
    this.rules = rules;
    this.storeName = storeName;
    this.countsStoreName = countsStoreName;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.incidents = context.getStateStore(storeName);
    this.counts = context.getStateStore(countsStoreName);
    open.clear();
    try (KeyValueIterator<String, Incident> all = incidents.all()) {
      all.forEachRemaining(entry -> open.put(entry.key, entry.value));
    }
    try (KeyValueIterator<String, IncidentCounts> all = counts.all()) {
      all.forEachRemaining(
          entry -> open.computeIfPresent(entry.key, (k, i) -> i.withCounts(entry.value)));
    }
    context.schedule(CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::resolveQuiet);
  }

  @Override
  public void process(Record<String, Match> record) {
    Match match = record.value();
    CompiledRule rule = rules.get(match.ruleId());
    if (rule == null) {
      return; // a match produced before a rule was removed from the configuration
    }
    metrics.matched(match.ruleId(), match.count());
    long now = context.currentSystemTimeMs();
    String fingerprint = match.fingerprint(); // the record key, or the source's key in place
    Incident known = open.get(fingerprint);
    Incident incident = known == null ? Incident.open(match, now) : known.plus(match, now);
    if (!incident.onlyCountsDifferFrom(known)) {
      incidents.put(fingerprint, incident);
    }
    counts.put(fingerprint, incident.counts());
    open.put(fingerprint, incident);
    if (known == null) {
      context.forward(
          record
              .withKey(fingerprint)
              .withValue(MatchAlerts.firing(fingerprint, incident, rule))
              .withTimestamp(match.eventTime().toEpochMilli()));
    }
  }

  private void resolveQuiet(long wallClockMillis) {
    long streamTime = context.currentStreamTimeMs();
    List<String> quiet = new ArrayList<>();
    for (Map.Entry<String, Incident> entry : open.entrySet()) {
      if (isQuiet(entry.getValue(), streamTime, wallClockMillis)) {
        quiet.add(entry.getKey());
      }
    }
    for (String fingerprint : quiet) {
      Incident incident = open.remove(fingerprint);
      incidents.delete(fingerprint);
      counts.delete(fingerprint);
      CompiledRule rule = rules.get(incident.ruleId());
      if (rule == null) {
        LOG.info("dropping incident {} of removed rule {}", fingerprint, incident.ruleId());
        continue;
      }
      Instant at = Instant.ofEpochMilli(wallClockMillis);
      context.forward(
          new Record<>(
              fingerprint, MatchAlerts.resolved(fingerprint, incident, rule, at), wallClockMillis));
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
