package io.tocsin.app.bench;

import io.tocsin.config.NotifySettings;
import io.tocsin.config.PagerDutySettings;
import io.tocsin.config.ReceiverSettings;
import io.tocsin.config.RouteSettings;
import io.tocsin.notify.pagerduty.LocalPagerDuty;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Alerts arriving as pages at tocsin's PagerDuty stand-in ({@link LocalPagerDuty}, the Events API
 * v2 on 127.0.0.1): the delivery leg, through the processor's notifier. The stand-in is started
 * first, since the processor's configuration names its URL; {@link #notifySettings} routes the
 * latency probe's alerts, and only those, to it.
 */
final class PagerDutyArrivals implements AlertArrivals {

  /** The environment variable the processor reads the routing key from. */
  static final String ROUTING_KEY_ENV = "TOCSIN_BENCH_PAGERDUTY_KEY";

  private static final String RECEIVER = "bench-pagerduty";
  private static final String OPENED = "PAGE opened";
  private static final String KEY_PREFIX = "(dedup_key ";

  private final LocalPagerDuty pagerDuty;
  private volatile Listener listener;

  /** Starts the stand-in. */
  PagerDutyArrivals() {
    this.pagerDuty = LocalPagerDuty.start(this::changed, Clock.systemUTC());
  }

  /**
   * Notify settings that page the alerts of log groups named {@code logGroupPrefix…} at the
   * stand-in, each alert its own group (no folding) and no per-minute cap that the probe reaches.
   */
  NotifySettings notifySettings(String logGroupPrefix) {
    ReceiverSettings receiver =
        new ReceiverSettings(
            RECEIVER,
            new PagerDutySettings(ROUTING_KEY_ENV, pagerDuty.eventsUrl().toString(), null),
            null,
            List.of(ReceiverSettings.EACH_ALERT),
            null,
            10_000);
    RouteSettings probes =
        new RouteSettings(
            List.of("log_group=~" + Pattern.quote(logGroupPrefix) + ".*"),
            RECEIVER,
            false,
            List.of());
    return new NotifySettings(
        new RouteSettings(List.of(), "", false, List.of(probes)), List.of(receiver), null);
  }

  /** The processor's environment for {@link #notifySettings}: the routing key. */
  Map<String, String> environment() {
    return Map.of(ROUTING_KEY_ENV, LocalPagerDuty.ROUTING_KEY);
  }

  @Override
  public String name() {
    return "pagerduty";
  }

  @Override
  public String describe() {
    return "page received by the PagerDuty stand-in (Events API v2), through the notifier";
  }

  @Override
  public void start(Listener listener) {
    this.listener = listener;
  }

  /** A line the stand-in reports per incident change: {@code PAGE opened … (dedup_key K)}. */
  private void changed(String line) {
    long now = System.nanoTime();
    Listener l = listener;
    int key = line.lastIndexOf(KEY_PREFIX);
    if (l != null && line.startsWith(OPENED) && key >= 0 && line.endsWith(")")) {
      l.arrived(line.substring(key + KEY_PREFIX.length(), line.length() - 1), now);
    }
  }

  @Override
  public void close() {
    listener = null;
    pagerDuty.close();
  }
}
