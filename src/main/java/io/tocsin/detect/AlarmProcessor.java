package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleSet;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.kafka.common.metrics.Sensor;
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
 * Folds observations into their group's series (store key: the observation's fingerprint, whatever
 * the record key) and evaluates the group's alarm at once, so a breaching event pages in the same
 * step; every observation of a group must reach the same task.
 *
 * <p>Each group keeps its own evaluation clock: the newest event time of its own stream, moved on
 * with the task's clock (the newest event time of the task, moved on by the wall clock while no
 * newer event arrives) while the group is quiet. A group whose source delivers behind the others on
 * the task — a CloudWatch Logs subscription or a Kinesis shard lagging — is judged by its own
 * events, up to {@link #LAG_TOLERANCE} behind the task; a source further behind is judged as that
 * far behind. No clock ever moves back. A one-second wall-clock punctuation evaluates quiet groups
 * whose window, period or pending transition is due (an in-memory queue rebuilt from the store on
 * start, so only due groups are read). An event older than its group's clock by more than the
 * rule's grace is counted as late — in the group (and so in its next alert) and in the Streams
 * metric {@code late-events-total{tocsin-rates-id=<rule>}} — never folded in silently. An event
 * stamped ahead of the wall clock counts as of now: one skewed source must not move the clock of
 * every group on the task into the future. A sliding rule's group also records the figures of its
 * first evaluation in each minute, for the console's chart ({@link MinuteFigures}).
 */
final class AlarmProcessor implements Processor<String, Observation, String, Alert> {

  /** How often quiet groups are checked. */
  static final Duration TICK = Duration.ofSeconds(1);

  /** The furthest a group's clock trails the task's: a source further behind has late events. */
  static final Duration LAG_TOLERANCE = Duration.ofMinutes(15);

  /** Metric scope of the late-event sensors: group {@code stream-tocsin-rates-metrics}. */
  static final String METRIC_SCOPE = "tocsin-rates";

  private static final Logger LOG = LoggerFactory.getLogger(AlarmProcessor.class);
  private static final long UNSET = Long.MIN_VALUE;

  private final RuleSet rules;
  private final String storeName;
  private final String figureStoreName;
  private final DetectMetrics metrics;
  private final String name;
  private final Map<String, AlarmMode> modes = new HashMap<>();
  private final Map<String, Sensor> lateEvents = new HashMap<>();
  private final PriorityQueue<Due> dues = new PriorityQueue<>(Comparator.comparingLong(Due::at));
  private ProcessorContext<String, Alert> context;
  private DecodedValues<GroupState> groups;
  private MinuteFigures figures;
  private long latestEventTime = Long.MIN_VALUE;
  private long wallClockAtLatest = UNSET;
  private long taskClock = Long.MIN_VALUE;

  /** A group to evaluate at {@code at}; stale once the group's own due time differs. */
  private record Due(long at, String fingerprint) {}

  AlarmProcessor(
      RuleSet rules, String storeName, String figureStoreName, DetectMetrics metrics, String name) {
    this.rules = rules;
    this.storeName = storeName;
    this.figureStoreName = figureStoreName;
    this.metrics = metrics;
    this.name = name;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    KeyValueStore<String, GroupState> store = context.getStateStore(storeName);
    this.groups = new DecodedValues<>(store);
    this.figures = new MinuteFigures(context.getStateStore(figureStoreName));
    dues.clear();
    try (KeyValueIterator<String, GroupState> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, GroupState> entry = all.next();
        latestEventTime =
            Math.max(latestEventTime, Math.max(entry.value.lastEventAt(), entry.value.clock()));
        if (entry.value.due() > 0) {
          dues.add(new Due(entry.value.due(), entry.key));
        }
      }
    }
    context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(Record<String, Observation> record) {
    String fingerprint = record.value().fingerprint();
    CompiledRule rule = rules.get(record.value().ruleId());
    if (rule == null || rule.rule().kind() == Rule.Kind.MATCH) {
      return; // observed before the rule was removed or changed kind
    }
    metrics.matched(rule.id(), 1);
    long wallClock = context.currentSystemTimeMs();
    Observation o = asOfNowAtTheLatest(record.value(), wallClock);
    if (o.eventTime() > latestEventTime) {
      latestEventTime = o.eventTime();
      wallClockAtLatest = wallClock;
    }
    long task = clock(wallClock);
    AlarmMode mode = mode(rule);
    GroupState group = groups.get(fingerprint);
    long before = group == null ? Long.MIN_VALUE : group.clock();
    if (group == null) {
      group = GroupState.open(o, rule, mode);
    } else if (group.series().width() != mode.width()) {
      group = group.withSeries(Series.empty(rule, mode.width()));
    }
    group = heard(group, o.eventTime(), task);
    if (mode.accepts(o.eventTime(), group.clock())) {
      group = group.observed(mode.bucket(o.eventTime()), o);
    } else {
      group = group.plusLate();
      lateSensor(rule).record();
    }
    settle(fingerprint, before, group, rule, mode);
    runDue(task);
  }

  /**
   * {@code group} with its clock at task clock {@code task} after an event at {@code eventTime}: a
   * newer event than any before sets how far the group trails the task (at most {@link
   * #LAG_TOLERANCE}); the clock never moves back.
   */
  private static GroupState heard(GroupState group, long eventTime, long task) {
    long lag = group.lag();
    if (eventTime >= group.lastEventAt()) {
      lag = Math.min(Math.max(0, task - eventTime), LAG_TOLERANCE.toMillis());
    }
    return group.timed(Math.max(group.clock(), task - lag), lag);
  }

  /** {@code group} with its clock moved on to task clock {@code task}, trailing it as before. */
  private static GroupState movedOn(GroupState group, long task) {
    return group.timed(Math.max(group.clock(), task - group.lag()), group.lag());
  }

  private Observation asOfNowAtTheLatest(Observation o, long wallClock) {
    if (o.eventTime() <= wallClock + DetectMetrics.AHEAD_TOLERANCE_MS) {
      return o;
    }
    metrics.ahead(name);
    return o.at(wallClock);
  }

  private void tick(long wallClock) {
    if (latestEventTime != Long.MIN_VALUE) {
      runDue(clock(wallClock));
    }
  }

  /**
   * The task's clock: event time, moved on by the wall-clock time passed since the latest event
   * time advanced, and never back (a newer event that is still behind the wall-clock advance leaves
   * it where it is). After a restore the latest event time comes from the store and the wall clock
   * counts from the first look at it (Streams has no wall-clock time yet during init): downtime
   * delays a resolve, it never makes a backlog late.
   */
  private long clock(long wallClock) {
    if (wallClockAtLatest == UNSET) {
      wallClockAtLatest = wallClock;
    }
    taskClock = Math.max(taskClock, latestEventTime + Math.max(0, wallClock - wallClockAtLatest));
    return taskClock;
  }

  private void runDue(long clock) {
    while (!dues.isEmpty() && dues.peek().at() <= clock) {
      Due due = dues.poll();
      GroupState group = groups.get(due.fingerprint());
      if (group == null || group.due() != due.at()) {
        continue;
      }
      CompiledRule rule = rules.get(group.ruleId());
      if (rule == null || rule.rule().kind() == Rule.Kind.MATCH) {
        LOG.info("dropping group {} of removed rule {}", due.fingerprint(), group.ruleId());
        groups.delete(due.fingerprint());
        continue;
      }
      settle(due.fingerprint(), group.clock(), movedOn(group, clock), rule, mode(rule));
    }
  }

  /**
   * Evaluates {@code group} at its clock (at {@code before} when last evaluated); keeps its due
   * time on the task's clock and a sliding rule's figure of the minute.
   */
  private void settle(
      String fingerprint, long before, GroupState group, CompiledRule rule, AlarmMode mode) {
    AlarmMode.Step step = mode.evaluate(group, group.clock());
    if (step.window() != null) {
      figures.record(fingerprint, rule, before, group.clock(), step.window());
    }
    GroupState next = step.group() == null ? group : step.group();
    if (step.group() != null && next.due() > 0) {
      next = next.dueAt(next.due() + next.lag());
    }
    for (AlarmMode.Change change : step.changes()) {
      Alert alert = RateAlerts.alert(fingerprint, rule, next, change);
      context.forward(new Record<>(fingerprint, alert, change.at()));
    }
    if (step.group() == null) {
      groups.delete(fingerprint);
      return;
    }
    groups.put(fingerprint, next);
    if (next.due() > 0 && next.due() != group.due()) {
      dues.add(new Due(next.due(), fingerprint));
    }
  }

  private AlarmMode mode(CompiledRule rule) {
    return modes.computeIfAbsent(rule.id(), id -> AlarmMode.of(rule));
  }

  private Sensor lateSensor(CompiledRule rule) {
    return lateEvents.computeIfAbsent(
        rule.id(),
        id ->
            context
                .metrics()
                .addRateTotalSensor(METRIC_SCOPE, id, "late-events", Sensor.RecordingLevel.INFO));
  }
}
