package io.tocsin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Folds the matches of one incident that a task sees between two commits into one {@link Match}
 * (count, first samples and event IDs, first and latest event time) and forwards it keyed by
 * fingerprint when the task commits, so a busy incident costs the incident repartition one record
 * per commit instead of one per event. Folding waits for nothing a reader could see: under
 * exactly_once_v2 the records are invisible until that commit anyway, and they are produced in its
 * transaction, before the offsets of the events they fold, so a crash loses none and repeats none.
 *
 * <p>Every record of one commit carries the earliest event time among its matches: the incident
 * task's stream time then never runs ahead of where it stood while any folded match was still on
 * its way, so an incident is never resolved as quiet by the fold. The commit is seen through a
 * {@link CommitHook}; forwarding from it sets the processor node and record context the way
 * Streams' own caching stores do when they forward at a commit.
 */
final class MatchFolder implements Processor<String, Match, String, Match> {

  /** Most incidents held between commits; reaching it forwards them at once. */
  static final int MAX_PENDING = 1000;

  private final String hookName;
  private final Map<String, Fold> pending = new LinkedHashMap<>();
  private long earliestMillis = Long.MAX_VALUE;
  private ProcessorContext<String, Match> context;
  private InternalProcessorContext<String, Match> streams;
  private ProcessorNode<?, ?, ?, ?> node;
  private ProcessorRecordContext lastRecord;

  /** Folds until the commit that the {@link CommitHook} store {@code hookName} reports. */
  MatchFolder(String hookName) {
    this.hookName = hookName;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void init(ProcessorContext<String, Match> context) {
    this.context = context;
    this.streams = (InternalProcessorContext<String, Match>) context;
    this.node = streams.currentNode();
    discard();
    CommitHook hook = context.getStateStore(hookName);
    hook.onCommit(this::forwardAtCommit, this::discard);
  }

  @Override
  public void process(Record<String, Match> record) {
    Match match = record.value();
    Fold fold = pending.get(match.fingerprint());
    if (fold == null) {
      pending.put(match.fingerprint(), new Fold(match));
    } else {
      fold.add(match);
    }
    earliestMillis = Math.min(earliestMillis, match.eventTime().toEpochMilli());
    lastRecord = streams.recordContext();
    if (pending.size() >= MAX_PENDING) {
      forwardAll();
    }
  }

  @Override
  public void close() {
    discard();
  }

  private void forwardAtCommit() {
    if (pending.isEmpty()) {
      return;
    }
    ProcessorNode<?, ?, ?, ?> previousNode = streams.currentNode();
    ProcessorRecordContext previousRecord = streams.recordContext();
    streams.setCurrentNode(node);
    streams.setRecordContext(lastRecord);
    try {
      forwardAll();
    } finally {
      streams.setRecordContext(previousRecord);
      streams.setCurrentNode(previousNode);
    }
  }

  private void forwardAll() {
    for (Map.Entry<String, Fold> entry : pending.entrySet()) {
      context.forward(new Record<>(entry.getKey(), entry.getValue().match(), earliestMillis));
    }
    discard();
  }

  private void discard() {
    pending.clear();
    earliestMillis = Long.MAX_VALUE;
    lastRecord = null;
  }

  /** The matches of one incident so far: the first one, and what later ones add to it. */
  private static final class Fold {
    private final Match first;
    private Instant last;
    private long count;
    private List<String> samples;
    private JsonNode context;
    private boolean ownContext;

    Fold(Match first) {
      this.first = first;
      this.last = first.lastEventTime();
      this.count = first.count();
      this.samples = first.samples();
      this.context = first.context();
    }

    void add(Match later) {
      if (later.lastEventTime().isAfter(last)) {
        last = later.lastEventTime();
      }
      count += later.count();
      samples = Match.keptSamples(samples, later.samples());
      if (Match.takesEventIds(context, later.context())) {
        if (!ownContext) {
          context = context.deepCopy(); // the first match's context may be shared
          ownContext = true;
        }
        Match.appendEventIds((ObjectNode) context, later.context());
      }
    }

    Match match() {
      return new Match(
          first.fingerprint(),
          first.ruleId(),
          first.group(),
          first.eventTime(),
          last,
          count,
          List.copyOf(samples),
          first.resource(),
          context);
    }
  }
}
