package io.tocsin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Event times in every accepted form, and CloudTrail's own form read as the general parser does.
 */
class EventTimeTest {

  @Test
  void shouldReadBothTimeFormsAsUtc() {
    assertThat(EventTime.parse("2019-01-01T00:00:00Z"))
        .isEqualTo(Instant.parse("2019-01-01T00:00:00Z"));
    assertThat(EventTime.parse("2022-09-15 13:45:24"))
        .isEqualTo(Instant.parse("2022-09-15T13:45:24Z"));
    assertThat(EventTime.parse("2022-09-15 13:45:24.123456789"))
        .isEqualTo(Instant.parse("2022-09-15T13:45:24.123456789Z"));
    assertThat(EventTime.parse("2020-11-05 21:21:46Z"))
        .isEqualTo(Instant.parse("2020-11-05T21:21:46Z"));
    assertThat(EventTime.parse("2024-03-01T12:00:00.5+02:00"))
        .isEqualTo(Instant.parse("2024-03-01T10:00:00.5Z"));
  }

  @Test
  void shouldLeaveOutOfRangeFieldsToTheGeneralParser() {
    assertThat(EventTime.parse("2024-02-29T23:59:59Z"))
        .isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
    assertThat(EventTime.parse("2024-02-29T23:59:59.012Z"))
        .isEqualTo(Instant.parse("2024-02-29T23:59:59.012Z"));
    assertThatThrownBy(() -> EventTime.parse("2023-13-01T00:00:00Z"))
        .isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> EventTime.parse("2023-01-01T00:60:00Z"))
        .isInstanceOf(DateTimeException.class);
  }
}
