package io.tocsin.notify.group;

import static io.tocsin.notify.AlertBuilder.alert;
import static io.tocsin.notify.group.StormControl.Decision.GROUPED;
import static io.tocsin.notify.group.StormControl.Decision.SEND;
import static io.tocsin.notify.group.StormControl.Decision.THROTTLED;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.ReceiverSettings;
import io.tocsin.notify.Notification;
import io.tocsin.notify.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StormControlTest {

  private final TestClock clock = TestClock.atNewYear();
  private final StormControl storm = new StormControl(clock);

  private static ReceiverSettings receiver(List<String> groupBy, int maxPerMinute) {
    return new ReceiverSettings("oncall", null, null, groupBy, Duration.ofMinutes(5), maxPerMinute);
  }

  @Test
  void shouldSendTheFirstChangeOfAGroupAndFoldLaterOnesIntoOneSummary() {
    ReceiverSettings r = receiver(List.of("rule", "account"), 20);

    assertThat(storm.admit(r, alert().fingerprint("a").build())).isEqualTo(SEND);
    assertThat(storm.admit(r, alert().fingerprint("b").build())).isEqualTo(GROUPED);
    assertThat(storm.admit(r, alert().fingerprint("c").build())).isEqualTo(GROUPED);
    clock.advance(Duration.ofMinutes(4));
    assertThat(storm.due()).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    List<Notification> due = storm.due();

    assertThat(due).hasSize(1);
    Notification summary = due.get(0);
    assertThat(summary.kind()).isEqualTo(Notification.Kind.SUMMARY);
    assertThat(summary.receiver()).isEqualTo("oncall");
    assertThat(summary.dedupKey()).as("the incident the group opened").isEqualTo("a");
    assertThat(summary.alert().fingerprint()).isEqualTo("c");
    assertThat(summary.group().changes()).isEqualTo(2);
    assertThat(summary.group().throttled()).isZero();
    assertThat(summary.group().fingerprints()).containsExactly("b", "c");
    assertThat(summary.group().labels())
        .containsExactly(Map.entry("rule", "lambda-errors"), Map.entry("account", "123456789012"));
    assertThat(summary.group().since()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(storm.due()).as("a group sums up once").isEmpty();
  }

  @Test
  void shouldSumUpOnTheIncidentOfAnAlertStillFiringWhenTheLeaderResolved() {
    ReceiverSettings r = receiver(List.of("rule"), 20);
    storm.admit(r, alert().fingerprint("a").build());
    storm.admit(r, alert().fingerprint("b").build());
    storm.admit(r, alert().fingerprint("c").build());
    storm.resolved(r, alert().fingerprint("a").resolved().build());
    storm.resolved(r, alert().fingerprint("b").resolved().build());
    clock.advance(Duration.ofMinutes(5));

    List<Notification> due = storm.due();

    assertThat(due).hasSize(1);
    assertThat(due.get(0).dedupKey())
        .as("a trigger on a resolved alert's key would open a second incident")
        .isEqualTo("c");
  }

  @Test
  void shouldSendNoSummaryWhenEveryAlertOfTheGroupResolved() {
    ReceiverSettings r = receiver(List.of("rule"), 20);
    storm.admit(r, alert().fingerprint("a").build());
    storm.admit(r, alert().fingerprint("b").build());
    storm.resolved(r, alert().fingerprint("b").resolved().build());
    storm.resolved(r, alert().fingerprint("a").resolved().build());
    clock.advance(Duration.ofMinutes(5));

    assertThat(storm.due()).isEmpty();
  }

  @Test
  void shouldOpenANewGroupAfterTheIntervalClosed() {
    ReceiverSettings r = receiver(List.of("rule"), 20);
    storm.admit(r, alert().fingerprint("a").build());
    clock.advance(Duration.ofMinutes(5));

    assertThat(storm.admit(r, alert().fingerprint("b").build())).isEqualTo(SEND);
    assertThat(storm.due()).as("nothing was folded into the first group").isEmpty();
  }

  @Test
  void shouldKeepGroupsWithDifferentLabelValuesApart() {
    ReceiverSettings r = receiver(List.of("rule", "account"), 20);

    assertThat(storm.admit(r, alert().account("111111111111").build())).isEqualTo(SEND);
    assertThat(storm.admit(r, alert().account("222222222222").build())).isEqualTo(SEND);
    assertThat(storm.admit(r, alert().rule("other").account("111111111111").build()))
        .isEqualTo(SEND);
  }

  @Test
  void shouldGroupEachAlertOnItsOwnWithTheEllipsis() {
    ReceiverSettings r = receiver(List.of(ReceiverSettings.EACH_ALERT), 20);

    assertThat(storm.admit(r, alert().fingerprint("a").build())).isEqualTo(SEND);
    assertThat(storm.admit(r, alert().fingerprint("b").build())).isEqualTo(SEND);
    assertThat(storm.admit(r, alert().fingerprint("a").id("a-again").build())).isEqualTo(GROUPED);
  }

  @Test
  void shouldThrottleGroupOpenersOverTheCapAndCountThemInTheSummary() {
    ReceiverSettings r = receiver(List.of(ReceiverSettings.EACH_ALERT), 2);

    assertThat(storm.admit(r, alert().fingerprint("a").build())).isEqualTo(SEND);
    assertThat(storm.admit(r, alert().fingerprint("b").build())).isEqualTo(SEND);
    assertThat(storm.admit(r, alert().fingerprint("c").build())).isEqualTo(THROTTLED);
    assertThat(storm.admit(r, alert().fingerprint("c").id("c2").build())).isEqualTo(GROUPED);
    clock.advance(Duration.ofMinutes(5));

    List<Notification> due = storm.due();
    assertThat(due)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.dedupKey()).isEqualTo("c");
              assertThat(s.group().changes()).isEqualTo(2);
              assertThat(s.group().throttled()).isEqualTo(1);
            });
  }

  @Test
  void shouldAdmitAgainOnceAMinuteHasPassedSinceTheOldestSend() {
    ReceiverSettings r = receiver(List.of(ReceiverSettings.EACH_ALERT), 1);
    assertThat(storm.admit(r, alert().fingerprint("a").build())).isEqualTo(SEND);
    clock.advance(Duration.ofSeconds(59));
    assertThat(storm.admit(r, alert().fingerprint("b").build())).isEqualTo(THROTTLED);

    clock.advance(Duration.ofSeconds(1));

    assertThat(storm.admit(r, alert().fingerprint("c").build())).isEqualTo(SEND);
  }

  @Test
  void shouldSumUpOpenGroupsWhenDrained() {
    ReceiverSettings r = receiver(List.of("rule"), 20);
    storm.admit(r, alert().fingerprint("a").build());
    storm.admit(r, alert().fingerprint("b").build());

    assertThat(storm.drain())
        .singleElement()
        .satisfies(s -> assertThat(s.group().changes()).isOne());
    assertThat(storm.drain()).isEmpty();
  }

  @Test
  void shouldGiveSummariesAStableDeduplicationIdPerGroupAndCount() {
    ReceiverSettings r = receiver(List.of("rule"), 20);
    StormControl twin = new StormControl(clock);
    for (StormControl s : List.of(storm, twin)) {
      s.admit(r, alert().fingerprint("a").build());
      s.admit(r, alert().fingerprint("b").build());
    }

    assertThat(storm.drain().get(0).deduplicationId())
        .isEqualTo(twin.drain().get(0).deduplicationId());
  }
}
