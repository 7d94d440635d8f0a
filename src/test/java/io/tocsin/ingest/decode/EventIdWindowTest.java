package io.tocsin.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The de-duplication window is bounded both in time and in size. */
class EventIdWindowTest {

  private final MutableClock clock = new MutableClock();

  @Test
  void shouldReportOnlyTheFirstSightingWithinTheWindow() {
    EventIdWindow window = new EventIdWindow(10, Duration.ofMinutes(5), clock);

    assertThat(window.firstSighting("a")).isTrue();
    assertThat(window.firstSighting("a")).isFalse();
    assertThat(window.firstSighting(null)).isTrue();
    assertThat(window.firstSighting(null)).isTrue();
  }

  @Test
  void shouldForgetAnIdAfterTheTtl() {
    EventIdWindow window = new EventIdWindow(10, Duration.ofMinutes(5), clock);
    window.firstSighting("a");

    clock.advance(Duration.ofMinutes(4));
    assertThat(window.firstSighting("a")).isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(window.firstSighting("a")).isTrue();
  }

  @Test
  void shouldEvictTheOldestIdBeyondTheSizeBound() {
    EventIdWindow window = new EventIdWindow(2, Duration.ofHours(1), clock);
    window.firstSighting("a");
    window.firstSighting("b");
    window.firstSighting("c");

    assertThat(window.size()).isEqualTo(2);
    assertThat(window.firstSighting("a")).isTrue();
    assertThat(window.firstSighting("c")).isFalse();
  }

  @Test
  void shouldForgetIdsOfEventsThatWereNeverPublished() {
    EventIdWindow window = new EventIdWindow(10, Duration.ofHours(1), clock);
    window.firstSighting("a");
    window.firstSighting("b");

    window.forget(List.of("a"));

    assertThat(window.firstSighting("a")).isTrue();
    assertThat(window.firstSighting("b")).isFalse();
  }

  @Test
  void shouldNotDeduplicateWhenDisabled() {
    EventIdWindow window = new EventIdWindow(0, Duration.ofHours(1), clock);

    assertThat(window.firstSighting("a")).isTrue();
    assertThat(window.firstSighting("a")).isTrue();
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2024-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
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
