package io.tocsin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotifySettingsTest {

  private static final String ARN = "arn:aws:sns:eu-west-1:123456789012:alerts";

  private static ReceiverSettings sns(String name) {
    return new ReceiverSettings(
        name, null, new SnsSettings(ARN, null, null, false, null), null, null, null);
  }

  @Test
  void shouldDeliverNothingByDefault() {
    NotifySettings defaults = NotifySettings.defaults();

    assertThat(defaults.receivers()).isEmpty();
    assertThat(defaults.route().receiver()).isEmpty();
    assertThat(defaults.retry()).isEqualTo(RetrySettings.defaults());
    assertThat(defaults.retry().maxElapsed()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void shouldFillReceiverDefaultsAndNameItsSink() {
    ReceiverSettings r = sns("team");

    assertThat(r.groupBy()).containsExactly("rule", "account");
    assertThat(r.groupInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(r.maxPerMinute()).isEqualTo(20);
    assertThat(r.sink()).isEqualTo("sns");
    assertThat(ReceiverSettings.none("drop").sink()).isEqualTo("none");
  }

  @Test
  void shouldRejectARouteToAnUnknownReceiverNamingTheRoute() {
    RouteSettings route =
        new RouteSettings(
            List.of(),
            "team",
            false,
            List.of(new RouteSettings(List.of("severity=high"), "oncall", false, List.of())));

    assertThatThrownBy(() -> new NotifySettings(route, List.of(sns("team")), null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("route.routes.0.receiver: unknown receiver 'oncall'; expected one of: team");
  }

  @Test
  void shouldRejectTwoReceiversWithOneName() {
    assertThatThrownBy(
            () -> new NotifySettings(RouteSettings.to("a"), List.of(sns("a"), sns("a")), null))
        .hasMessage("receivers.1.name: receiver 'a' is defined twice");
  }

  @Test
  void shouldRejectMatchersOnTheRootRoute() {
    RouteSettings root = new RouteSettings(List.of("severity=high"), "a", false, List.of());

    assertThatThrownBy(() -> new NotifySettings(root, List.of(sns("a")), null))
        .hasMessage(
            "route.matchers: the root route takes every alert: move its matchers to a child route");
  }

  @Test
  void shouldRejectAReceiverWithTwoSinks() {
    assertThatThrownBy(
            () ->
                new ReceiverSettings(
                    "both",
                    new PagerDutySettings("PD_KEY", null, null),
                    new SnsSettings(ARN, null, null, false, null),
                    null,
                    null,
                    null))
        .hasMessageStartingWith("sns: a receiver has one sink");
  }

  @Test
  void shouldValidateStormControl() {
    assertThatThrownBy(
            () -> new ReceiverSettings("r", null, null, List.of("rule", "..."), null, null))
        .hasMessage("group_by: '...' groups by alert already; list no other label with it");
    assertThatThrownBy(
            () -> new ReceiverSettings("r", null, null, List.of("bad label"), null, null))
        .hasMessage("group_by.0: expected a label name or '...', got 'bad label'");
    assertThatThrownBy(() -> new ReceiverSettings("r", null, null, null, null, 0))
        .hasMessage("max_per_minute: expected a whole number from 1 to 10000, got 0");
  }

  @Test
  void shouldValidatePagerDutySettings() {
    PagerDutySettings pd = new PagerDutySettings("PD_KEY", null, null);
    assertThat(pd.eventsUrl()).isEqualTo("https://events.pagerduty.com/v2/enqueue");
    assertThat(pd.timeout()).isEqualTo(Duration.ofSeconds(10));

    assertThatThrownBy(() -> new PagerDutySettings("0123456789abcdef", null, null))
        .hasMessage(
            "routing_key_env: expected the name of an environment variable holding the routing"
                + " key, got '0123456789abcdef'");
    assertThatThrownBy(() -> new PagerDutySettings("PD_KEY", "events.pagerduty.com", null))
        .hasMessage("events_url: expected an http:// or https:// URL, got 'events.pagerduty.com'");
  }

  @Test
  void shouldDeriveRegionAndFifoFromTheTopicArn() {
    SnsSettings fifo =
        new SnsSettings("arn:aws:sns:us-east-2:123456789012:sec.fifo", null, null, false, null);

    assertThat(fifo.region()).isEqualTo("us-east-2");
    assertThat(fifo.fifo()).isTrue();
    assertThat(new SnsSettings(ARN, null, null, false, null).fifo()).isFalse();
  }

  @Test
  void shouldValidateSnsSettings() {
    assertThatThrownBy(() -> new SnsSettings("alerts", null, null, false, null))
        .hasMessage(
            "topic_arn: expected arn:aws:sns:<region>:<12-digit account>:<topic name>, got"
                + " 'alerts'");
    assertThatThrownBy(() -> new SnsSettings(ARN, null, null, true, null))
        .hasMessage(
            "static_credentials: is only for local stand-ins: set endpoint too, or remove it");
    assertThatThrownBy(() -> new SnsSettings(ARN, null, "http://127.0.0.1:4566/x", false, null))
        .hasMessageStartingWith("endpoint: expected http(s)://host:port with no path");
  }

  @Test
  void shouldKeepRetryDurationsInOrder() {
    assertThatThrownBy(() -> new RetrySettings(Duration.ofSeconds(5), Duration.ofSeconds(1), null))
        .hasMessage("max_backoff: expected a duration from initial_backoff (5s) to 1h, got 1s");
  }
}
