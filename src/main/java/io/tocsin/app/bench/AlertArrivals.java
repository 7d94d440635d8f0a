package io.tocsin.app.bench;

/**
 * Where the latency probe watches for an alert to arrive: {@link CommittedAlerts} on the committed
 * alerts topic, {@link PagerDutyArrivals} at the PagerDuty stand-in the notifier pages (its {@code
 * dedup_key} is the fingerprint). Another sink is another implementation.
 */
interface AlertArrivals extends AutoCloseable {

  /** Called for each firing alert seen, on the watcher's own thread. */
  @FunctionalInterface
  interface Listener {
    /** {@code fingerprint} arrived at {@code nanoTime} ({@link System#nanoTime()}). */
    void arrived(String fingerprint, long nanoTime);
  }

  /** A short key for the JSON report, e.g. {@code committed_alert}. */
  String name();

  /** What arrival means here, for the report: e.g. "committed alert on tocsin.alerts.v1". */
  String describe();

  /** Starts watching; from now on every firing alert that arrives is passed to {@code listener}. */
  void start(Listener listener);

  /** Stops watching. */
  @Override
  void close();
}
