package io.tocsin.notify.pipeline;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.DeadLetter;
import io.tocsin.model.DeliveryReceipt.Outcome;
import io.tocsin.model.Silence;
import io.tocsin.model.SourcePosition;
import io.tocsin.notify.Notification;
import io.tocsin.notify.NotifyMetrics;
import io.tocsin.notify.Receipts;
import io.tocsin.notify.Recorder;
import io.tocsin.notify.group.StormControl;
import io.tocsin.notify.retry.RetryingDelivery;
import io.tocsin.notify.retry.RetryingDelivery.Attempts;
import io.tocsin.notify.route.RouteTree;
import io.tocsin.store.SilenceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each alert state change through the delivery stages for every receiver it is routed to:
 * silence check → dedup → group/throttle → deliver with retry → record the outcome. Silences are
 * checked before storm control so that silenced changes neither use up a receiver's cap nor swell
 * its summaries. A receiver that exhausted its retry budget rests for {@code rest} before its
 * changes are tried again.
 */
final class DeliveryPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryPipeline.class);
  private static final int LEDGER_CAPACITY = 200_000;

  private final RouteTree routes;
  private final Map<String, Receiver> receivers;
  private final SilenceStore silences;
  private final StormControl storm;
  private final RetryingDelivery retry;
  private final Recorder recorder;
  private final NotifyMetrics metrics;
  private final Clock clock;
  private final Duration rest;
  private final Ledger ledger = new Ledger(LEDGER_CAPACITY);
  private final Map<String, Instant> downUntil = new HashMap<>();
  private final List<Notification> heldSummaries = new ArrayList<>();

  DeliveryPipeline(
      RouteTree routes,
      Map<String, Receiver> receivers,
      SilenceStore silences,
      RetryingDelivery retry,
      Recorder recorder,
      NotifyMetrics metrics,
      Clock clock,
      Duration rest) {
    this.routes = routes;
    this.receivers = receivers;
    this.silences = silences;
    this.storm = new StormControl(clock);
    this.retry = retry;
    this.recorder = recorder;
    this.metrics = metrics;
    this.clock = clock;
    this.rest = rest;
  }

  /**
   * Handles {@code alert}, read at {@code source} as {@code raw}. Returns empty when every receiver
   * is done with it (its offset may be committed), else when to try it again.
   */
  Optional<Instant> process(Alert alert, SourcePosition source, byte[] raw) {
    Instant now = clock.instant();
    Optional<Silence> silence =
        silences.current(now).stream().filter(s -> s.silences(alert, now)).findFirst();
    Instant retryAt = null;
    for (RouteTree.Match match : routes.match(alert)) {
      Receiver r = receivers.get(match.receiver());
      if (r.notifier() == null) {
        continue;
      }
      Ledger.Entry entry = ledger.get(r.name(), alert.id());
      if (entry == null) {
        entry = ledger.add(r.name(), alert.id());
        if (held(r, alert, silence, now)) {
          entry.finish();
        }
      }
      if (entry.done()) {
        continue;
      }
      Instant down = downUntil.get(r.name());
      if (down != null && now.isBefore(down)) {
        retryAt = earliest(retryAt, down);
        continue;
      }
      Attempts a = retry.deliver(r.notifier(), Notification.of(r.name(), alert), entry.attempts());
      entry.attempted(a.attempts());
      switch (a.ending()) {
        case DELIVERED -> entry.finish();
        case REJECTED -> {
          deadLetter(r, a, alert, source, raw);
          entry.finish();
        }
        case EXHAUSTED -> retryAt = earliest(retryAt, restReceiver(r));
        case INTERRUPTED -> retryAt = earliest(retryAt, now);
      }
    }
    return Optional.ofNullable(retryAt);
  }

  /**
   * Notes that {@code receiver} already accepted change {@code alertId} (its receipt says so), so
   * the change is not sent to it again.
   */
  void alreadyDelivered(String receiver, String alertId) {
    Ledger.Entry entry = ledger.get(receiver, alertId);
    (entry == null ? ledger.add(receiver, alertId) : entry).finish();
  }

  /** Whether a silence or storm control holds the change back (its receipt is then recorded). */
  private boolean held(Receiver r, Alert alert, Optional<Silence> silence, Instant now) {
    if (alert.status() == AlertStatus.RESOLVED) {
      storm.resolved(r.settings(), alert);
    }
    if (silence.isPresent()) {
      recorder.receipt(
          Receipts.held(r.name(), r.sink(), alert, Outcome.SILENCED, silence.get().id(), now));
      metrics.silenced();
      return true;
    }
    if (alert.status() == AlertStatus.RESOLVED) {
      return false;
    }
    switch (storm.admit(r.settings(), alert)) {
      case GROUPED -> {
        recorder.receipt(Receipts.held(r.name(), r.sink(), alert, Outcome.GROUPED, null, now));
        metrics.grouped(r.name());
        return true;
      }
      case THROTTLED -> {
        recorder.receipt(Receipts.held(r.name(), r.sink(), alert, Outcome.THROTTLED, null, now));
        metrics.throttled(r.name());
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * Sends the summaries of groups whose interval closed ({@code all}: of every group, on shutdown),
   * and those held back earlier because their receiver was resting.
   */
  void sendSummaries(boolean all) {
    List<Notification> due = new ArrayList<>(heldSummaries);
    heldSummaries.clear();
    due.addAll(all ? storm.drain() : storm.due());
    for (Notification n : due) {
      Receiver r = receivers.get(n.receiver());
      Instant down = downUntil.get(r.name());
      if (down != null && clock.instant().isBefore(down)) {
        heldSummaries.add(n);
        continue;
      }
      Attempts a = retry.deliver(r.notifier(), n, 0);
      switch (a.ending()) {
        case EXHAUSTED -> {
          restReceiver(r);
          heldSummaries.add(n);
        }
        case INTERRUPTED -> heldSummaries.add(n);
        default -> {}
      }
    }
  }

  /** Summaries not yet accepted because their receiver is resting or the service is stopping. */
  int heldSummaries() {
    return heldSummaries.size();
  }

  private Instant restReceiver(Receiver r) {
    Instant until = clock.instant().plus(rest);
    downUntil.put(r.name(), until);
    return until;
  }

  private void deadLetter(Receiver r, Attempts a, Alert alert, SourcePosition source, byte[] raw) {
    String detail =
        "receiver "
            + r.name()
            + " ("
            + r.sink()
            + ") rejected alert "
            + alert.id()
            + ": "
            + a.last().error();
    LOG.warn("dead-lettering: {}", detail);
    recorder.deadLetter(
        DeadLetter.of(r.sink() + "_rejected", detail, source, clock.instant(), raw));
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }
}
