package io.tocsin.app.replay;

import io.tocsin.config.NotifySettings;
import io.tocsin.config.PagerDutySettings;
import io.tocsin.config.ReceiverSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.Severity;
import io.tocsin.model.Silence;
import io.tocsin.notify.Notification;
import io.tocsin.notify.group.StormControl;
import io.tocsin.notify.route.RouteTree;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a rule pack would have sent, per rule: the alerts detection raised (after incident folding
 * and grouping by the rules' group keys), routed as the config routes them and passed through each
 * receiver's storm control (group interval, per-minute cap) on event time. A page is a firing
 * notification a PagerDuty receiver would have sent; without a config, every critical and high
 * alert goes to one paging receiver with the default storm control. Silences given to the forecast
 * hold back, as they do live before storm control, the notifications of every firing alert they
 * match at its event time: the alert still counts, its pages count as silenced, not sent.
 */
public final class NoiseForecast {

  private final Function<Alert, List<ReceiverSettings>> routes;
  private final EventClock clock = new EventClock();
  private final StormControl storm = new StormControl(clock);
  private final Map<String, RuleNoise> rules = new TreeMap<>();
  private final Map<String, Long> summaries = new TreeMap<>();
  private final String receivers;
  private final List<Silence> silences;
  private long silencedNotifications;
  private long silencedPages;

  private NoiseForecast(
      Function<Alert, List<ReceiverSettings>> routes, String receivers, List<Silence> silences) {
    this.routes = routes;
    this.receivers = receivers;
    this.silences = List.copyOf(silences);
  }

  /** A forecast through the routes and receivers of {@code notify}, under {@code silences}. */
  public static NoiseForecast of(NotifySettings notify, List<Silence> silences) {
    RouteTree tree = RouteTree.compile(notify.route(), "notify.route");
    List<String> names = new ArrayList<>();
    notify.receivers().forEach(r -> names.add(r.name() + " (" + r.sink() + ")"));
    return new NoiseForecast(
        alert -> tree.match(alert).stream().map(m -> notify.receiver(m.receiver())).toList(),
        names.isEmpty() ? "none" : String.join(", ", names),
        silences);
  }

  /**
   * A forecast without a config, under {@code silences}: critical and high alerts page one
   * receiver, as documented.
   */
  public static NoiseForecast bySeverity(List<Silence> silences) {
    ReceiverSettings pager =
        new ReceiverSettings(
            "pager",
            new PagerDutySettings("PAGERDUTY_ROUTING_KEY", null, null),
            null,
            null,
            null,
            null);
    return new NoiseForecast(
        alert -> pages(alert.rule().severity()) ? List.of(pager) : List.of(),
        "pager (critical and high alerts; default grouping and cap)",
        silences);
  }

  private static boolean pages(Severity severity) {
    return severity == Severity.CRITICAL || severity == Severity.HIGH;
  }

  /** Counts {@code alert}, a state change detection produced, and what its receivers would send. */
  void add(Alert alert) {
    clock.at(alert.updatedAt());
    collectSummaries(storm.due());
    RuleNoise noise =
        rules.computeIfAbsent(
            alert.rule().id(), id -> new RuleNoise(id, alert.rule().severity().name()));
    List<ReceiverSettings> reached = routes.apply(alert);
    if (alert.status() == AlertStatus.RESOLVED) {
      reached.forEach(r -> storm.resolved(r, alert));
      return;
    }
    noise.alerts++;
    if (silenced(alert)) {
      for (ReceiverSettings receiver : reached) {
        silencedNotifications++;
        if (receiver.pagerduty() != null) {
          noise.silenced++;
          silencedPages++;
        }
      }
      return;
    }
    for (ReceiverSettings receiver : reached) {
      switch (storm.admit(receiver, alert)) {
        case SEND -> {
          noise.sent++;
          if (receiver.pagerduty() != null) {
            noise.pages++;
          }
        }
        case GROUPED -> noise.grouped++;
        case THROTTLED -> noise.throttled++;
      }
    }
  }

  /** Whether a silence in force at the alert's event time matches it. */
  private boolean silenced(Alert alert) {
    return silences.stream().anyMatch(s -> s.silences(alert, alert.updatedAt()));
  }

  private void collectSummaries(List<Notification> due) {
    due.forEach(n -> summaries.merge(n.receiver(), 1L, Long::sum));
  }

  /**
   * Prints the forecast, averaged over the days from {@code first} to {@code last} (at least 1).
   */
  void print(PrintWriter out, Instant first, Instant last) {
    collectSummaries(storm.drain());
    double days =
        first == null
            ? 1
            : Math.max(
                1,
                Duration.between(first, last).toMillis() / (double) Duration.ofDays(1).toMillis());
    out.printf(
        "noise forecast over %.1f days (%s to %s); receivers: %s%n", days, first, last, receivers);
    out.printf(
        "%-48s %-8s %8s %8s %8s %8s %8s %6s %7s %9s%n",
        "rule",
        "severity",
        "alerts",
        "/day",
        "pages",
        "/day",
        "silenced",
        "sent",
        "grouped",
        "throttled");
    List<RuleNoise> sorted = new ArrayList<>(rules.values());
    sorted.sort(
        Comparator.comparingLong((RuleNoise n) -> n.pages)
            .thenComparingLong(n -> n.alerts)
            .reversed()
            .thenComparing(n -> n.rule));
    RuleNoise total = new RuleNoise("total", "-");
    for (RuleNoise n : sorted) {
      n.print(out, days);
      total.alerts += n.alerts;
      total.pages += n.pages;
      total.silenced += n.silenced;
      total.sent += n.sent;
      total.grouped += n.grouped;
      total.throttled += n.throttled;
    }
    total.print(out, days);
    out.println(
        "group summaries sent: "
            + (summaries.isEmpty() ? "none" : summaries.toString())
            + "; "
            + silencesLine());
  }

  private String silencesLine() {
    if (silences.isEmpty()) {
      return "silences: none given";
    }
    return String.format(
        "silences: %d given, held back %d notifications (%d pages)",
        silences.size(), silencedNotifications, silencedPages);
  }

  /** One rule's counts. */
  private static final class RuleNoise {
    final String rule;
    final String severity;
    long alerts;
    long pages;
    long silenced;
    long sent;
    long grouped;
    long throttled;

    RuleNoise(String rule, String severity) {
      this.rule = rule;
      this.severity = severity.toLowerCase(Locale.ROOT);
    }

    void print(PrintWriter out, double days) {
      out.printf(
          "%-48s %-8s %8d %8.1f %8d %8.1f %8d %6d %7d %9d%n",
          rule,
          severity,
          alerts,
          alerts / days,
          pages,
          pages / days,
          silenced,
          sent,
          grouped,
          throttled);
    }
  }

  /** A clock set to the event time of the alert being counted, so storm control runs on it. */
  private static final class EventClock extends Clock {
    private Instant now = Instant.EPOCH;

    void at(Instant instant) {
      if (instant != null && instant.isAfter(now)) {
        now = instant;
      }
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
