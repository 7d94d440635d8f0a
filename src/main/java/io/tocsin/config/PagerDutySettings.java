package io.tocsin.config;

import java.net.URI;
import java.time.Duration;

/**
 * A PagerDuty Events API v2 receiver ({@code pagerduty:} under a receiver). The routing key is a
 * secret: the config names the environment variable that holds it, and tocsin never logs it.
 *
 * @param routingKeyEnv name of the environment variable holding the integration's routing key;
 *     required
 * @param eventsUrl the Events API endpoint; default {@value #DEFAULT_EVENTS_URL} (override for
 *     tests and {@code tocsin local})
 * @param timeout how long one request may take, connect included; default 10s
 */
public record PagerDutySettings(String routingKeyEnv, String eventsUrl, Duration timeout) {

  /** PagerDuty's Events API v2 endpoint. */
  public static final String DEFAULT_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

  /** Fills absent fields with their defaults and validates each. */
  public PagerDutySettings {
    eventsUrl = eventsUrl == null || eventsUrl.isBlank() ? DEFAULT_EVENTS_URL : eventsUrl.trim();
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    if (routingKeyEnv == null || !routingKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new ConfigException(
          "routing_key_env",
          "expected the name of an environment variable holding the routing key, got '"
              + routingKeyEnv
              + "'");
    }
    if (!eventsUrl.matches("https?://[^\\s/]+(/\\S*)?")) {
      throw new ConfigException(
          "events_url", "expected an http:// or https:// URL, got '" + eventsUrl + "'");
    }
    if (timeout.toMillis() < 100 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new ConfigException(
          "timeout", "expected a duration from 100ms to 1m, got " + Durations.format(timeout));
    }
  }

  /** The events URL as a URI. */
  public URI eventsUri() {
    return URI.create(eventsUrl);
  }
}
