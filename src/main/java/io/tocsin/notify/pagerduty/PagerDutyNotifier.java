package io.tocsin.notify.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.config.ConfigException;
import io.tocsin.config.PagerDutySettings;
import io.tocsin.model.Json;
import io.tocsin.notify.DeliveryResult;
import io.tocsin.notify.MessageBudget;
import io.tocsin.notify.Notification;
import io.tocsin.notify.Notifier;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Sends notifications to PagerDuty's Events API v2 over {@link HttpClient}: 2xx is delivered; 429
 * and 5xx are retryable (with the Retry-After hint); any other 4xx is permanent and carries
 * PagerDuty's error body; an I/O error is retryable. The routing key is never logged.
 */
public final class PagerDutyNotifier implements Notifier {

  /** The sink name. */
  public static final String SINK = "pagerduty";

  private static final int MAX_ERROR_CHARS = 8 * 1024;

  private final PagerDutySettings settings;
  private final String routingKey;
  private final HttpClient http;
  private final Clock clock;

  /** A notifier posting to {@code settings.eventsUrl()} with {@code routingKey}. */
  public PagerDutyNotifier(
      PagerDutySettings settings, String routingKey, HttpClient http, Clock clock) {
    this.settings = settings;
    this.routingKey = routingKey;
    this.http = http;
    this.clock = clock;
  }

  /**
   * A notifier whose routing key is read from {@code env} under {@code settings.routingKeyEnv()}.
   *
   * @throws ConfigException when that variable is unset or blank
   */
  public static PagerDutyNotifier create(
      PagerDutySettings settings, Map<String, String> env, Clock clock) {
    String key = routingKey(settings, env);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .build();
    return new PagerDutyNotifier(settings, key, http, clock);
  }

  /**
   * The routing key {@code env} holds under {@code settings.routingKeyEnv()}.
   *
   * @throws ConfigException when that variable is unset or blank
   */
  public static String routingKey(PagerDutySettings settings, Map<String, String> env) {
    String key = env.get(settings.routingKeyEnv());
    if (key == null || key.isBlank()) {
      throw new ConfigException(
          "routing_key_env",
          "environment variable " + settings.routingKeyEnv() + " is not set or empty");
    }
    return key.trim();
  }

  @Override
  public String sink() {
    return SINK;
  }

  @Override
  public DeliveryResult send(Notification notification) {
    HttpRequest request =
        HttpRequest.newBuilder(settings.eventsUri())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("User-Agent", "tocsin")
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(PagerDutyEvent.of(notification, routingKey)))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return DeliveryResult.retryable(null, "no response: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeliveryResult.retryable(null, "interrupted", null);
    }
    int status = response.statusCode();
    String body = MessageBudget.truncate(response.body(), MAX_ERROR_CHARS);
    if (status >= 200 && status < 300) {
      return DeliveryResult.delivered(status, acceptedKey(body, notification));
    }
    if (status == 429 || status >= 500) {
      return DeliveryResult.retryable(
          status,
          "HTTP " + status + ": " + body,
          retryAfter(response.headers().firstValue("Retry-After").orElse(null), clock.instant()));
    }
    return DeliveryResult.permanent(status, "HTTP " + status + ": " + body);
  }

  /**
   * The wait an HTTP {@code Retry-After} header asks for: delay seconds or an HTTP date (RFC 9110
   * §10.2.3), never negative; {@code null} when absent or unreadable.
   */
  static Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    if (value.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The dedup_key PagerDuty echoed, or the one sent when the body does not say. */
  private static String acceptedKey(String body, Notification n) {
    try {
      JsonNode reply = Json.MAPPER.readTree(body);
      return reply.path("dedup_key").asText(n.dedupKey());
    } catch (IOException | RuntimeException e) {
      return n.dedupKey();
    }
  }

  @Override
  public String toString() {
    return "PagerDutyNotifier[" + settings.eventsUrl() + "]";
  }
}
