package io.tocsin.notify.pipeline;

import static io.tocsin.model.DeliveryReceipt.Outcome.DELIVERED;
import static io.tocsin.model.DeliveryReceipt.Outcome.FAILED;
import static io.tocsin.model.DeliveryReceipt.Outcome.GROUPED;
import static io.tocsin.model.DeliveryReceipt.Outcome.SILENCED;
import static io.tocsin.model.DeliveryReceipt.Outcome.THROTTLED;
import static io.tocsin.notify.AlertBuilder.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tocsin.config.ReceiverSettings;
import io.tocsin.config.RetrySettings;
import io.tocsin.config.RouteSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.model.LabelMatcher;
import io.tocsin.model.Silence;
import io.tocsin.model.SourcePosition;
import io.tocsin.notify.DeliveryResult;
import io.tocsin.notify.Notification;
import io.tocsin.notify.NotifyMetrics;
import io.tocsin.notify.RecordingRecorder;
import io.tocsin.notify.ScriptedNotifier;
import io.tocsin.notify.TestClock;
import io.tocsin.notify.retry.RetryingDelivery;
import io.tocsin.notify.route.RouteTree;
import io.tocsin.testing.InMemorySilenceStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeliveryPipelineTest {

  private static final SourcePosition AT = SourcePosition.kafka("tocsin.alerts.v1", 0, 42);
  private static final byte[] RAW = "{\"alert\":true}".getBytes(StandardCharsets.UTF_8);

  private final TestClock clock = TestClock.atNewYear();
  private final RecordingRecorder recorder = new RecordingRecorder();
  private final InMemorySilenceStore silences = new InMemorySilenceStore();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ScriptedNotifier pagerduty = new ScriptedNotifier("pagerduty");
  private final ScriptedNotifier sns = new ScriptedNotifier("sns");

  /** Routes high severity to oncall (PagerDuty, continue), payments to team (SNS), rest nowhere. */
  private DeliveryPipeline pipeline(int maxPerMinute) {
    RouteSettings route =
        new RouteSettings(
            List.of(),
            "drop",
            false,
            List.of(
                new RouteSettings(List.of("severity=high"), "oncall", true, List.of()),
                new RouteSettings(List.of("team=payments"), "team", false, List.of())));
    Map<String, Receiver> receivers = new LinkedHashMap<>();
    receivers.put("oncall", receiver("oncall", pagerduty, maxPerMinute));
    receivers.put("team", receiver("team", sns, maxPerMinute));
    receivers.put("drop", new Receiver(ReceiverSettings.none("drop"), null));
    RetrySettings retry =
        new RetrySettings(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5));
    NotifyMetrics metrics = new NotifyMetrics(registry);
    return new DeliveryPipeline(
        RouteTree.compile(route, "notify.route"),
        receivers,
        silences,
        new RetryingDelivery(
            retry, clock, clock::advance, new SplittableRandom(1), recorder, metrics),
        recorder,
        metrics,
        clock,
        retry.maxBackoff());
  }

  private static Receiver receiver(String name, ScriptedNotifier sink, int maxPerMinute) {
    return new Receiver(
        new ReceiverSettings(
            name, null, null, List.of("rule"), Duration.ofMinutes(5), maxPerMinute),
        sink);
  }

  private List<DeliveryReceipt> receipts(DeliveryReceipt.Outcome outcome) {
    return recorder.receipts.stream().filter(r -> r.outcome() == outcome).toList();
  }

  @Test
  void shouldDeliverToEveryRoutedReceiverAndRecordEachOutcome() {
    Optional<Instant> retryAt = pipeline(20).process(alert().build(), AT, RAW);

    assertThat(retryAt).isEmpty();
    assertThat(pagerduty.sent())
        .extracting(Notification::kind)
        .containsExactly(Notification.Kind.TRIGGER);
    assertThat(sns.sent()).extracting(Notification::receiver).containsExactly("team");
    assertThat(recorder.receipts)
        .extracting(DeliveryReceipt::receiver, DeliveryReceipt::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("oncall", DELIVERED),
            org.assertj.core.groups.Tuple.tuple("team", DELIVERED));
  }

  @Test
  void shouldDeliverNothingAndRecordNothingForTheNoneReceiver() {
    Optional<Instant> retryAt =
        pipeline(20)
            .process(
                alert().severity(io.tocsin.model.Severity.LOW).label("team", "x").build(), AT, RAW);

    assertThat(retryAt).isEmpty();
    assertThat(pagerduty.sent()).isEmpty();
    assertThat(sns.sent()).isEmpty();
    assertThat(recorder.receipts).isEmpty();
  }

  @Test
  void shouldRecordSilencedChangesWithoutDeliveringThem() {
    silences.create(
        new Silence(
            "s-1",
            List.of(LabelMatcher.parse("rule=lambda-errors")),
            clock.instant().minusSeconds(60),
            clock.instant().plusSeconds(3600),
            "ana",
            "deploying"));
    DeliveryPipeline p = pipeline(20);

    p.process(alert().build(), AT, RAW);
    p.process(alert().resolved().build(), AT, RAW);

    assertThat(pagerduty.sent()).isEmpty();
    assertThat(sns.sent()).isEmpty();
    assertThat(recorder.receipts)
        .hasSize(4)
        .allSatisfy(
            r -> {
              assertThat(r.outcome()).isEqualTo(SILENCED);
              assertThat(r.silenceId()).isEqualTo("s-1");
              assertThat(r.attempt()).isZero();
            });
    assertThat(registry.get("tocsin.notifications.silenced").counter().count()).isEqualTo(4.0);
  }

  @Test
  void shouldDeliverOnceASilenceHasExpiredOrBeforeItStarts() {
    silences.create(
        new Silence(
            "later",
            List.of(LabelMatcher.parse("rule=lambda-errors")),
            clock.instant().plusSeconds(60),
            clock.instant().plusSeconds(120),
            "ana",
            "maintenance window"));
    DeliveryPipeline p = pipeline(20);
    p.process(alert().fingerprint("a").build(), AT, RAW);
    clock.advance(Duration.ofSeconds(60));
    p.process(alert().fingerprint("a").resolved().build(), AT, RAW);
    clock.advance(Duration.ofSeconds(60));
    p.process(alert().fingerprint("b").resolved().build(), AT, RAW);

    assertThat(pagerduty.sent())
        .extracting(n -> n.alert().id())
        .containsExactly("a-firing", "b-resolved");
    assertThat(receipts(SILENCED)).extracting(DeliveryReceipt::alertId).containsOnly("a-resolved");
  }

  @Test
  void shouldNotSendARedeliveredChangeAgain() {
    DeliveryPipeline p = pipeline(20);
    Alert a = alert().build();

    p.process(a, AT, RAW);
    p.process(a, AT, RAW);

    assertThat(pagerduty.sent()).hasSize(1);
    assertThat(sns.sent()).hasSize(1);
    assertThat(recorder.receipts).hasSize(2);
  }

  @Test
  void shouldDeadLetterARejectedChangeWithTheSinkErrorAndItsPosition() {
    pagerduty.then(DeliveryResult.permanent(400, "HTTP 400: {\"status\":\"invalid event\"}"));

    Optional<Instant> retryAt = pipeline(20).process(alert().build(), AT, RAW);

    assertThat(retryAt).as("a permanent failure does not hold the offset").isEmpty();
    assertThat(recorder.deadLetters)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo("pagerduty_rejected");
              assertThat(d.detail())
                  .isEqualTo(
                      "receiver oncall (pagerduty) rejected alert fp-orders-firing: "
                          + "HTTP 400: {\"status\":\"invalid event\"}");
              assertThat(d.source()).isEqualTo(AT);
              assertThat(d.raw()).isEqualTo(RAW);
            });
    assertThat(sns.sent()).as("other receivers still get it").hasSize(1);
  }

  @Test
  void shouldHoldAChangeWhoseReceiverStayedDownAndDeliverItAfterTheRest() {
    DeliveryPipeline p = pipeline(20);
    for (int i = 0; i < 10; i++) {
      pagerduty.then(DeliveryResult.retryable(503, "HTTP 503", null));
    }
    Alert first = alert().fingerprint("a").build();

    Optional<Instant> retryAt = p.process(first, AT, RAW);

    assertThat(retryAt).isPresent();
    assertThat(receipts(FAILED))
        .singleElement()
        .satisfies(r -> assertThat(r.receiver()).isEqualTo("oncall"));
    int attemptsSoFar = pagerduty.sent().size();

    Alert second = alert().fingerprint("b").rule("other").build();
    assertThat(p.process(second, AT, RAW))
        .as("the resting receiver is not tried")
        .contains(retryAt.get());
    assertThat(pagerduty.sent()).hasSize(attemptsSoFar);

    clock.advance(Duration.between(clock.instant(), retryAt.get()));
    Optional<Instant> again;
    do {
      again = p.process(first, AT, RAW);
      if (again.isPresent()) {
        clock.advance(Duration.between(clock.instant(), again.get()));
      }
    } while (again.isPresent());

    assertThat(sns.sent())
        .as("SNS got each change once, the first on the first pass")
        .extracting(n -> n.alert().id())
        .containsExactly("a-firing", "b-firing");
    assertThat(receipts(DELIVERED))
        .filteredOn(r -> r.receiver().equals("oncall"))
        .singleElement()
        .satisfies(r -> assertThat(r.attempt()).isEqualTo(11));
  }

  @Test
  void shouldFoldAndThrottleFiringChangesButSendResolvesAtOnce() {
    DeliveryPipeline p = pipeline(1);
    p.process(alert().fingerprint("a").build(), AT, RAW);
    p.process(alert().fingerprint("b").build(), AT, RAW);
    p.process(alert().fingerprint("c").rule("other").build(), AT, RAW);
    p.process(alert().fingerprint("b").resolved().build(), AT, RAW);

    assertThat(pagerduty.sent())
        .extracting(n -> n.kind() + " " + n.dedupKey())
        .containsExactly("TRIGGER a", "RESOLVE b");
    assertThat(receipts(GROUPED)).extracting(DeliveryReceipt::fingerprint).containsOnly("b");
    assertThat(receipts(THROTTLED)).extracting(DeliveryReceipt::fingerprint).containsOnly("c");
    assertThat(
            registry
                .get("tocsin.notifications.throttled")
                .tag("receiver", "oncall")
                .counter()
                .count())
        .isEqualTo(1.0);

    p.sendSummaries(false);
    assertThat(pagerduty.sent()).hasSize(2);
    clock.advance(Duration.ofMinutes(5));
    p.sendSummaries(false);

    assertThat(pagerduty.sent().subList(2, 4))
        .extracting(n -> n.kind() + " " + n.dedupKey() + " " + n.group().changes())
        .containsExactlyInAnyOrder("SUMMARY a 1", "SUMMARY c 1");
    assertThat(receipts(DELIVERED)).filteredOn(r -> "summary".equals(r.kind())).hasSize(4);
  }

  @Test
  void shouldHoldSummariesOfARestingReceiverUntilItIsBack() {
    DeliveryPipeline p = pipeline(20);
    p.process(alert().fingerprint("a").build(), AT, RAW);
    p.process(alert().fingerprint("b").build(), AT, RAW);
    clock.advance(Duration.ofMinutes(5));
    for (int i = 0; i < 6; i++) {
      pagerduty.then(DeliveryResult.retryable(503, "HTTP 503", null));
    }

    p.sendSummaries(false);

    assertThat(p.heldSummaries()).isOne();
    clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 10 && p.heldSummaries() > 0; i++) {
      p.sendSummaries(false);
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(p.heldSummaries()).isZero();
    assertThat(pagerduty.sent())
        .last()
        .satisfies(n -> assertThat(n.kind()).isEqualTo(Notification.Kind.SUMMARY));
  }
}
