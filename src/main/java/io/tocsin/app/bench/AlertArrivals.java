package io.tocsin.app.bench;

/**
 * Where the latency probe watches for an alert to arrive. {@link CommittedAlerts} watches the
 * committed alerts topic; the delivery leg (a PagerDuty stand-in receiving the event, its {@code
 * dedup_key} the fingerprint) plugs in as another implementation.
 */
interface AlertArrivals extends AutoCloseable {

  /** Called for each firing alert seen, on the watcher's own thread. */
  @FunctionalInterface
  interface Listener {
    /** {@code fingerprint} arrived at {@code nanoTime} ({@link System#nanoTime()}). */
    void arrived(String fingerprint, long nanoTime);
  }

  /** What arrival means here, for the report: e.g. "committed alert on tocsin.alerts.v1". */
  String describe();

  /** Starts watching; from now on every firing alert that arrives is passed to {@code listener}. */
  void start(Listener listener);

  /** Stops watching. */
  @Override
  void close();
}
