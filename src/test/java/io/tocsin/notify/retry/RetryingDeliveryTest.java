package io.tocsin.notify.retry;

import static io.tocsin.model.DeliveryReceipt.Outcome.DELIVERED;
import static io.tocsin.model.DeliveryReceipt.Outcome.FAILED;
import static io.tocsin.model.DeliveryReceipt.Outcome.RETRYING;
import static io.tocsin.notify.AlertBuilder.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tocsin.config.RetrySettings;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.notify.DeliveryResult;
import io.tocsin.notify.Notification;
import io.tocsin.notify.NotifyMetrics;
import io.tocsin.notify.RecordingRecorder;
import io.tocsin.notify.ScriptedNotifier;
import io.tocsin.notify.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryingDeliveryTest {

  private final TestClock clock = TestClock.atNewYear();
  private final List<Duration> sleeps = new ArrayList<>();
  private final RecordingRecorder recorder = new RecordingRecorder();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RetrySettings settings =
      new RetrySettings(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30));
  private final RetryingDelivery retry =
      new RetryingDelivery(
          settings,
          clock,
          d -> {
            sleeps.add(d);
            clock.advance(d);
          },
          new SplittableRandom(7),
          recorder,
          new NotifyMetrics(registry));
  private final Notification notification =
      Notification.of("oncall", alert().updatedAt(clock.instant()).build());

  private static DeliveryResult unavailable() {
    return DeliveryResult.retryable(503, "HTTP 503: down", null);
  }

  @Test
  void shouldRecordOneDeliveredReceiptWhenTheFirstAttemptSucceeds() {
    RetryingDelivery.Attempts a = retry.deliver(new ScriptedNotifier("pagerduty"), notification, 0);

    assertThat(a.ending()).isEqualTo(RetryingDelivery.Ending.DELIVERED);
    assertThat(a.attempts()).isOne();
    assertThat(recorder.receipts)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(DELIVERED);
              assertThat(r.attempt()).isOne();
              assertThat(r.status()).isEqualTo(202);
              assertThat(r.kind()).isEqualTo("trigger");
              assertThat(r.dedupKey()).isEqualTo("fp-orders");
              assertThat(r.receiver()).isEqualTo("oncall");
              assertThat(r.sink()).isEqualTo("pagerduty");
            });
    assertThat(
            registry
                .get("tocsin.notifications.sent")
                .tags("sink", "pagerduty", "receiver", "oncall")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(registry.get("tocsin.delivery.latency").tag("sink", "pagerduty").timer().count())
        .isOne();
  }

  @Test
  void shouldBackOffExponentiallyWithJitterUntilTheSinkAccepts() {
    ScriptedNotifier sink =
        new ScriptedNotifier("pagerduty").then(unavailable(), unavailable(), unavailable());

    RetryingDelivery.Attempts a = retry.deliver(sink, notification, 0);

    assertThat(a.ending()).isEqualTo(RetryingDelivery.Ending.DELIVERED);
    assertThat(a.attempts()).isEqualTo(4);
    assertThat(recorder.outcomes()).containsExactly(RETRYING, RETRYING, RETRYING, DELIVERED);
    assertThat(recorder.receipts).extracting(DeliveryReceipt::attempt).containsExactly(1, 2, 3, 4);
    assertThat(sleeps).hasSize(3);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(sleeps.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(sleeps.get(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(
            registry.get("tocsin.notifications.retried").tag("sink", "pagerduty").counter().count())
        .isEqualTo(3.0);
  }

  @Test
  void shouldWaitExactlyWhatRetryAfterAsks() {
    ScriptedNotifier sink =
        new ScriptedNotifier("pagerduty")
            .then(DeliveryResult.retryable(429, "HTTP 429", Duration.ofSeconds(7)));

    retry.deliver(sink, notification, 0);

    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void shouldNotRetryAPermanentFailure() {
    ScriptedNotifier sink =
        new ScriptedNotifier("pagerduty").then(DeliveryResult.permanent(400, "HTTP 400: bad"));

    RetryingDelivery.Attempts a = retry.deliver(sink, notification, 0);

    assertThat(a.ending()).isEqualTo(RetryingDelivery.Ending.REJECTED);
    assertThat(sink.sent()).hasSize(1);
    assertThat(sleeps).isEmpty();
    assertThat(recorder.receipts)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(FAILED);
              assertThat(r.error()).isEqualTo("HTTP 400: bad");
            });
    assertThat(
            registry
                .get("tocsin.notifications.failed")
                .tags("sink", "pagerduty", "receiver", "oncall", "reason", "rejected")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldGiveUpWithinTheBudgetAndContinueTheAttemptCountNextTime() {
    ScriptedNotifier sink = new ScriptedNotifier("sns");
    for (int i = 0; i < 50; i++) {
      sink.then(unavailable());
    }

    RetryingDelivery.Attempts a = retry.deliver(sink, notification, 0);

    assertThat(a.ending()).isEqualTo(RetryingDelivery.Ending.EXHAUSTED);
    assertThat(sleeps.stream().reduce(Duration.ZERO, Duration::plus))
        .isLessThanOrEqualTo(settings.maxElapsed());
    assertThat(recorder.outcomes()).endsWith(FAILED).doesNotContain(DELIVERED);
    assertThat(
            registry
                .get("tocsin.notifications.failed")
                .tags("sink", "sns", "receiver", "oncall", "reason", "exhausted")
                .counter()
                .count())
        .isEqualTo(1.0);

    RetryingDelivery.Attempts next =
        retry.deliver(new ScriptedNotifier("sns"), notification, a.attempts());
    assertThat(next.attempts()).isEqualTo(a.attempts() + 1);
  }

  @Test
  void shouldGiveUpAtOnceWhenRetryAfterIsBeyondTheBudget() {
    ScriptedNotifier sink =
        new ScriptedNotifier("pagerduty")
            .then(DeliveryResult.retryable(429, "HTTP 429", Duration.ofMinutes(5)));

    RetryingDelivery.Attempts a = retry.deliver(sink, notification, 0);

    assertThat(a.ending()).isEqualTo(RetryingDelivery.Ending.EXHAUSTED);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void shouldStopWhenInterruptedWhileWaiting() {
    RetryingDelivery interrupted =
        new RetryingDelivery(
            settings,
            clock,
            d -> {
              throw new InterruptedException();
            },
            new SplittableRandom(1),
            recorder,
            new NotifyMetrics(registry));

    RetryingDelivery.Attempts a =
        interrupted.deliver(new ScriptedNotifier("pagerduty").then(unavailable()), notification, 0);

    assertThat(a.ending()).isEqualTo(RetryingDelivery.Ending.INTERRUPTED);
    assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
  }
}
