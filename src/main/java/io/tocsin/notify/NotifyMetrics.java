package io.tocsin.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The delivery metrics, registered on an injected Micrometer registry. */
public final class NotifyMetrics {

  private final MeterRegistry registry;

  /** Metrics on {@code registry}. */
  public NotifyMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A sink accepted a notification. */
  public void sent(String sink, String receiver) {
    counter("tocsin.notifications.sent", "notifications accepted by a sink")
        .tags("sink", sink, "receiver", receiver)
        .register(registry)
        .increment();
  }

  /**
   * A notification finally failed: {@code rejected} (permanent, dead-lettered) or {@code exhausted}
   * (retry budget spent; delivered again later).
   */
  public void failed(String sink, String receiver, String reason) {
    counter("tocsin.notifications.failed", "notifications that finally failed")
        .tags("sink", sink, "receiver", receiver, "reason", reason)
        .register(registry)
        .increment();
  }

  /** A retryable failure is followed by another attempt. */
  public void retried(String sink) {
    counter("tocsin.notifications.retried", "attempts repeated after a retryable failure")
        .tags("sink", sink)
        .register(registry)
        .increment();
  }

  /** A silence held back an alert change. */
  public void silenced() {
    counter("tocsin.notifications.silenced", "alert changes held back by a silence")
        .register(registry)
        .increment();
  }

  /** The per-minute cap of {@code receiver} held back an alert change. */
  public void throttled(String receiver) {
    counter("tocsin.notifications.throttled", "alert changes over a receiver's per-minute cap")
        .tags("receiver", receiver)
        .register(registry)
        .increment();
  }

  /** An alert change was folded into its group's summary. */
  public void grouped(String receiver) {
    counter("tocsin.notifications.grouped", "alert changes folded into a group summary")
        .tags("receiver", receiver)
        .register(registry)
        .increment();
  }

  /** Time from the alert's {@code updatedAt} to the sink accepting it. */
  public void latency(String sink, Duration latency) {
    Timer.builder("tocsin.delivery.latency")
        .description("time from an alert change to its acceptance by a sink")
        .tags("sink", sink)
        .register(registry)
        .record(latency.isNegative() ? Duration.ZERO : latency);
  }

  /**
   * Time from a sink's acceptance of a change to Kafka acknowledging its {@code delivered} receipt:
   * a crash within it leaves no receipt, so the change is sent again after the restart.
   */
  public void unrecorded(String sink, Duration window) {
    Timer.builder("tocsin.delivery.unrecorded")
        .description("time from a sink accepting a change to its receipt being durable in Kafka")
        .tags("sink", sink)
        .register(registry)
        .record(window);
  }

  private static Counter.Builder counter(String name, String description) {
    return Counter.builder(name).description(description);
  }
}
