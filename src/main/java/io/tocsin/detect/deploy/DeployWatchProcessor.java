package io.tocsin.detect.deploy;

import io.tocsin.config.DeploymentSettings;
import io.tocsin.model.Deployment;
import io.tocsin.model.Deployment.Kind;
import io.tocsin.model.Deployment.OutcomeStatus;
import io.tocsin.model.Deployment.Verdict;
import io.tocsin.model.Deployment.VerdictStatus;
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
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The deploy watch, on one partition so it knows every log group and deployment: keeps the traffic
 * history, follows each deployment until its verdict, and forwards every state change of a
 * deployment (keyed by its id). Once per bucket of stream time it looks at each watched deployment:
 * {@code regression} as soon as the test is significant, {@code verified} at the window's end, or
 * {@code pending} for good when too little traffic came to judge.
 */
final class DeployWatchProcessor implements Processor<String, WatchInput, String, Deployment> {

  /** How long a stack may stay in progress before it is forgotten. */
  private static final Duration STACK_TIMEOUT = Duration.ofHours(24);

  /** How often buckets past every baseline are deleted (a full scan of the history). */
  private static final Duration EXPIRY_EVERY = Duration.ofMinutes(10);

  private final DeploymentSettings settings;
  private final EvidenceMap evidence;
  private final StackProgress stacks;
  private final RegressionTest test;
  private final String historyStore;
  private final String watchedStore;
  private final String releasesStore;
  private ProcessorContext<String, Deployment> context;
  private TrafficHistory history;
  private KeyValueStore<String, Deployment> watched;
  private Releases releases;

  /**
   * Baselines by deployment id, read once from the history when the first look after the deploy
   * finds it complete; rebuilt from the store after a restart.
   */
  private final Map<String, TrafficWindow> baselines = new HashMap<>();

  DeployWatchProcessor(
      DeploymentSettings settings, String historyStore, String watchedStore, String releasesStore) {
    this.settings = settings;
    this.evidence = new EvidenceMap(settings);
    this.stacks = new StackProgress(evidence);
    this.test = new RegressionTest(settings);
    this.historyStore = historyStore;
    this.watchedStore = watchedStore;
    this.releasesStore = releasesStore;
  }

  @Override
  public void init(ProcessorContext<String, Deployment> context) {
    this.context = context;
    this.history = new TrafficHistory(context.getStateStore(historyStore));
    this.watched = context.getStateStore(watchedStore);
    this.releases = new Releases(context.getStateStore(releasesStore), settings.releaseSpan());
    context.schedule(
        Duration.ofMillis(TrafficBucket.MILLIS),
        PunctuationType.STREAM_TIME,
        now -> look(Instant.ofEpochMilli(now)));
    context.schedule(
        EXPIRY_EVERY,
        PunctuationType.STREAM_TIME,
        now -> {
          history.expire(oldestNeeded(Instant.ofEpochMilli(now)));
          releases.expire(Instant.ofEpochMilli(now));
        });
  }

  /** The start of the oldest bucket a watched deployment may still need: its baseline's. */
  private Instant oldestNeeded(Instant now) {
    return now.minus(settings.window())
        .minus(settings.baseline())
        .minusMillis(2 * TrafficBucket.MILLIS);
  }

  @Override
  public void process(Record<String, WatchInput> record) {
    WatchInput input = record.value();
    if (input.traffic() != null) {
      history.add(input.traffic());
    } else if (input.deployment() != null) {
      learned(evidence.withEvidence(input.deployment()));
    } else if (input.stack() != null && StackProgress.deploys(input.stack())) {
      stackChanged(input.stack());
    }
  }

  private void learned(Deployment deployment) {
    if (watched.get(deployment.id()) != null) {
      return;
    }
    if (deployment.kind() == Kind.CLOUDFORMATION) {
      watched.put(deployment.id(), deployment);
      emit(deployment);
      return;
    }
    String release = releases.continued(deployment);
    if (release == null) {
      startWatch(deployment, deployment.time());
    } else {
      Deployment running = watched.get(release);
      if (running != null) {
        Deployment folded = Releases.fold(running, deployment);
        watched.put(folded.id(), folded);
        emit(folded);
      }
      // else the release was judged already: its verdict named it, and this call is part of it
    }
  }

  private void stackChanged(StackEvent event) {
    Deployment running = null;
    try (KeyValueIterator<String, Deployment> all = watched.all()) {
      while (all.hasNext() && running == null) {
        Deployment d = all.next().value;
        running = StackProgress.follows(d, event) ? d : null;
      }
    }
    if (running == null) {
      running = stacks.started(event);
      emit(running);
    }
    Deployment updated = stacks.apply(running, event);
    OutcomeStatus status = updated.outcome().status();
    if (status == OutcomeStatus.IN_PROGRESS) {
      watched.put(updated.id(), updated);
    } else if (status == OutcomeStatus.SUCCEEDED) {
      startWatch(updated, event.time());
    } else {
      Instant at = event.time();
      finish(
          updated.withVerdict(
              Verdict.of(
                  VerdictStatus.FAILED,
                  updated.time(),
                  at,
                  null,
                  null,
                  "stack " + updated.outcome().status().label() + ": " + updated.outcome().reason(),
                  DeployAlerts.alertId(updated, VerdictStatus.FAILED, at)),
              at));
    }
  }

  /**
   * Records {@code deployment} and watches its evidence from {@code from}; no evidence: no watch.
   */
  private void startWatch(Deployment deployment, Instant from) {
    if (deployment.evidence().isEmpty()) {
      finish(deployment);
      return;
    }
    TrafficWindow nothingYet = new TrafficWindow(from, from);
    Deployment pending =
        deployment.withVerdict(
            Verdict.of(
                VerdictStatus.PENDING,
                deployment.time(),
                from,
                baseline(deployment).figures(),
                nothingYet.figures(),
                null,
                null),
            from);
    watched.put(pending.id(), pending);
    emit(pending);
  }

  private TrafficWindow baseline(Deployment deployment) {
    Instant end = Instant.ofEpochMilli(TrafficBucket.startOf(deployment.time().toEpochMilli()));
    return history.window(deployment.evidence(), end.minus(settings.baseline()), end);
  }

  private void look(Instant now) {
    List<Deployment> all = new ArrayList<>();
    try (KeyValueIterator<String, Deployment> it = watched.all()) {
      it.forEachRemaining((KeyValue<String, Deployment> kv) -> all.add(kv.value));
    }
    for (Deployment deployment : all) {
      if (deployment.verdict() == null) {
        if (deployment.time().plus(STACK_TIMEOUT).isBefore(now)) {
          watched.delete(deployment.id());
        }
      } else {
        judge(deployment, now);
      }
    }
  }

  private void judge(Deployment deployment, Instant now) {
    Instant from = deployment.verdict().after().from();
    Instant afterStart =
        Instant.ofEpochMilli(TrafficBucket.startOf(from.toEpochMilli()) + TrafficBucket.MILLIS);
    Instant end = from.plus(settings.window());
    Instant until = now.isBefore(end) ? now : end;
    TrafficWindow baseline =
        now.isBefore(afterStart)
            ? baseline(deployment)
            : baselines.computeIfAbsent(deployment.id(), id -> baseline(deployment));
    TrafficWindow after = history.window(deployment.evidence(), afterStart, until);
    RegressionTest.Result result = test.judge(baseline, after);
    VerdictStatus status;
    if (result.regressed()) {
      status = VerdictStatus.REGRESSION;
    } else if (!now.isBefore(end.plusMillis(TrafficBucket.MILLIS))) {
      status =
          after.invocations() >= settings.minInvocations()
              ? VerdictStatus.VERIFIED
              : VerdictStatus.PENDING;
    } else {
      return;
    }
    String words =
        status == VerdictStatus.PENDING
            ? "inconclusive: "
                + after.invocations()
                + " invocations in the window, fewer than the "
                + settings.minInvocations()
                + " needed; "
                + result.test()
            : result.test();
    finish(
        deployment.withVerdict(
            Verdict.of(
                status,
                deployment.time(),
                until,
                baseline.figures(),
                after.figures(),
                words,
                status == VerdictStatus.REGRESSION
                    ? DeployAlerts.alertId(deployment, status, until)
                    : null),
            until));
  }

  private void finish(Deployment deployment) {
    watched.delete(deployment.id());
    baselines.remove(deployment.id());
    emit(deployment);
  }

  private void emit(Deployment deployment) {
    context.forward(
        new Record<>(deployment.id(), deployment, deployment.updatedAt().toEpochMilli()));
  }
}
