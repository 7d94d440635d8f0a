package io.tocsin.ingest.kinesis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.coordinator.WorkerStateChangeListener;

/**
 * Keeps a KCL worker running: runs the {@link Scheduler} on a thread of its own and, when it stops
 * without being asked (e.g. "Unable to initialize after 20 attempts"), builds and starts a new one
 * after a backoff of 1 s doubling to 1 min. Knows the worker's state for the health checks: since
 * when it is down, and whether it is started. While the started worker holds no lease it logs that
 * it is waiting, at 10 s, 20 s, 40 s … (at most every 10 min).
 */
final class KclSupervisor implements WorkerStateChangeListener {

  private static final Logger LOG = LoggerFactory.getLogger(KclSupervisor.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  private static final Duration FIRST_WAIT_LOG = Duration.ofSeconds(10);
  private static final Duration MAX_WAIT_LOG = Duration.ofMinutes(10);
  private static final long TICK_MILLIS = 200;

  private final Function<WorkerStateChangeListener, Scheduler> schedulers;
  private final IntSupplier heldShards;
  private final Clock clock;
  private final String name;
  private volatile WorkerState state = WorkerState.CREATED;
  private volatile Instant downSince;
  private volatile String downReason;
  private volatile boolean stopping;
  private Scheduler scheduler;
  private Thread worker;
  private Thread supervisor;

  /**
   * Supervises workers built by {@code schedulers} (given this as their state listener), named
   * {@code name}; {@code heldShards} says how many leases the current worker holds.
   */
  KclSupervisor(
      Function<WorkerStateChangeListener, Scheduler> schedulers,
      IntSupplier heldShards,
      Clock clock,
      String name) {
    this.schedulers = schedulers;
    this.heldShards = heldShards;
    this.clock = clock;
    this.name = name;
  }

  /** Builds the first worker here (a bad configuration throws) and starts supervising it. */
  synchronized void start() {
    scheduler = schedulers.apply(this);
    worker = startWorker(scheduler);
    supervisor = new Thread(this::supervise, "tocsin-kcl-supervisor-" + name);
    supervisor.setDaemon(true);
    supervisor.start();
  }

  @Override
  public void onWorkerStateChange(WorkerState newState) {
    state = newState;
    if (newState == WorkerState.STARTED) {
      if (downSince != null) {
        LOG.info("KCL worker {} started again after being down since {}", name, downSince);
      }
      downSince = null;
      downReason = null;
    }
  }

  @Override
  public void onAllInitializationAttemptsFailed(Throwable e) {
    markDown("every initialization attempt failed: " + e);
  }

  /** Whether the current worker finished initializing and runs. */
  boolean started() {
    Thread t = worker;
    return state == WorkerState.STARTED && t != null && t.isAlive();
  }

  /** Since when no worker has been running (it stopped or failed to start), if none is. */
  Optional<Instant> downSince() {
    return Optional.ofNullable(downSince);
  }

  /** Why the worker is down, if it is. */
  Optional<String> downReason() {
    return Optional.ofNullable(downReason);
  }

  /** The current worker; the caller stops it after {@link #stopRestarting()}. */
  synchronized Scheduler scheduler() {
    return scheduler;
  }

  /** No further restarts; the current worker keeps running until the caller stops it. */
  synchronized void stopRestarting() {
    stopping = true;
  }

  /** Waits up to {@code timeout} for the worker and supervisor threads to end. */
  void join(Duration timeout) throws InterruptedException {
    Thread w;
    synchronized (this) {
      w = worker;
    }
    if (supervisor != null) {
      supervisor.interrupt();
      supervisor.join(timeout.toMillis());
    }
    if (w != null) {
      w.join(timeout.toMillis());
    }
  }

  private Thread startWorker(Scheduler s) {
    Thread t = new Thread(s, "tocsin-kinesis-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void supervise() {
    Duration backoff = FIRST_BACKOFF;
    Duration nextWaitLog = FIRST_WAIT_LOG;
    Instant workerStarted = clock.instant();
    try {
      while (!stopping) {
        Thread.sleep(TICK_MILLIS);
        Thread current = worker;
        if (current.isAlive()) {
          if (state == WorkerState.STARTED && heldShards.getAsInt() == 0) {
            Duration waited = Duration.between(workerStarted, clock.instant());
            if (waited.compareTo(nextWaitLog) >= 0) {
              LOG.info(
                  "KCL worker {} is running and waiting for a lease ({} s so far; other workers may"
                      + " hold every shard)",
                  name,
                  waited.toSeconds());
              nextWaitLog = min(nextWaitLog.multipliedBy(2), MAX_WAIT_LOG);
            }
          } else if (heldShards.getAsInt() > 0) {
            backoff = FIRST_BACKOFF;
            nextWaitLog = FIRST_WAIT_LOG;
          }
          continue;
        }
        if (stopping) {
          return;
        }
        markDown("the KCL worker stopped");
        LOG.error(
            "KCL worker {} stopped on its own ({}); starting a new one in {} s",
            name,
            downReason,
            backoff.toSeconds());
        Thread.sleep(backoff.toMillis());
        backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
        restart();
        workerStarted = clock.instant();
        nextWaitLog = FIRST_WAIT_LOG;
      }
    } catch (InterruptedException e) {
      // stopping
    }
  }

  private synchronized void restart() {
    if (stopping) {
      return;
    }
    try {
      state = WorkerState.CREATED;
      scheduler = schedulers.apply(this);
      worker = startWorker(scheduler);
      LOG.info("KCL worker {} restarted", name);
    } catch (RuntimeException e) {
      markDown("cannot build a new KCL worker: " + e);
      LOG.error("cannot build a new KCL worker {}; trying again", name, e);
    }
  }

  private void markDown(String reason) {
    if (downSince == null) {
      downSince = clock.instant();
    }
    if (downReason == null || !reason.equals("the KCL worker stopped")) {
      downReason = reason;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
