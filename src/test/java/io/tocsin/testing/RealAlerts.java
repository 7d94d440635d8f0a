package io.tocsin.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.model.Json;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real alerts for the analyst tests: the production detection topology with the default rules, run
 * over real Lambda log lines and CloudTrail events ({@code src/test/resources/alerts}). Event times
 * are re-based onto {@code start} (lines 15 s apart, events 20 s apart, interleaved) and the wall
 * clock follows them, so earlier incidents resolve and the latest still fire.
 */
public final class RealAlerts {

  /** The default start: a fixed time so assertions are reproducible. */
  public static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

  /** The account the Lambda log lines are attributed to. */
  public static final String LAMBDA_ACCOUNT = "123456789012";

  /**
   * A frozen copy of the Lambda and CIS rules, so the store and API tests count the same alerts
   * however the default pack grows.
   */
  private static final RuleSet RULES =
      RuleLoader.load(List.of(java.nio.file.Path.of("src/test/resources/alerts/rules")), false);

  private static final Map<Instant, List<Alert>> REPLAYS = new ConcurrentHashMap<>();

  private RealAlerts() {}

  /** The rules the alerts came from. */
  public static RuleSet rules() {
    return RULES;
  }

  /**
   * The last state change in {@code alerts} of a CloudTrail alert whose call named the managed
   * policy {@code policy} (e.g. {@code AdministratorAccess}) in its request parameters.
   */
  public static Alert lastAttaching(List<Alert> alerts, String policy) {
    return alerts.stream()
        .filter(a -> a.context() != null)
        .filter(
            a ->
                a.context()
                    .path("requestParameters")
                    .path("policyArn")
                    .asText()
                    .endsWith("/" + policy))
        .reduce((first, second) -> second)
        .orElseThrow();
  }

  /**
   * Every alert state change the inputs produce when replayed from {@code start}, in order
   * (computed once per start: the replay is deterministic and alerts are immutable).
   */
  public static List<Alert> from(Instant start) {
    return REPLAYS.computeIfAbsent(start, RealAlerts::replay);
  }

  private static List<Alert> replay(Instant start) {
    List<Timed> events = new ArrayList<>();
    List<JsonNode> lines = read("alerts/lambda-log-lines.jsonl");
    for (int i = 0; i < lines.size(); i++) {
      events.add(
          new Timed(start.plusSeconds(15L * i), log(lines.get(i), i, start.plusSeconds(15L * i))));
    }
    List<JsonNode> trail = read("alerts/cloudtrail-events.jsonl");
    for (int i = 0; i < trail.size(); i++) {
      Instant at = start.plusSeconds(20L * i + 7);
      events.add(new Timed(at, cloudTrail(trail.get(i), i, at)));
    }
    events.sort(Comparator.comparing(Timed::at));
    List<Alert> alerts = new ArrayList<>();
    try (DetectionDriver driver = new DetectionDriver(RULES, start)) {
      Instant wall = start;
      for (Timed event : events) {
        if (event.at().isAfter(wall)) {
          driver.advanceWallClock(Duration.between(wall, event.at()));
          wall = event.at();
        }
        if (event.value() instanceof LogEvent log) {
          driver.pipe(log);
        } else {
          driver.pipe((CloudTrailEvent) event.value());
        }
        alerts.addAll(driver.alerts());
      }
    }
    return List.copyOf(alerts);
  }

  /**
   * Delivery receipts as the notifier would record them for {@code alerts}: every firing alert
   * delivered to its team's receiver, the first critical or high ones after one retry.
   */
  public static List<DeliveryReceipt> receipts(List<Alert> alerts) {
    List<DeliveryReceipt> receipts = new ArrayList<>();
    for (Alert alert : alerts) {
      if (alert.status() != AlertStatus.FIRING) {
        continue;
      }
      String receiver = alert.labels().getOrDefault("team", "oncall") + "-pager";
      Instant at = alert.updatedAt().plusMillis(180);
      boolean retried = alert.rule().severity().ordinal() <= 1 && receipts.size() < 6;
      if (retried) {
        receipts.add(receipt(alert, receiver, 1, DeliveryReceipt.Outcome.RETRYING, 503, at));
        at = at.plusSeconds(2);
      }
      receipts.add(
          receipt(alert, receiver, retried ? 2 : 1, DeliveryReceipt.Outcome.DELIVERED, 202, at));
    }
    return receipts;
  }

  private static DeliveryReceipt receipt(
      Alert alert,
      String receiver,
      int attempt,
      DeliveryReceipt.Outcome outcome,
      int status,
      Instant at) {
    String error = status >= 500 ? "HTTP 503 Service Unavailable" : null;
    long latency = Duration.between(alert.updatedAt(), at).toMillis();
    return new DeliveryReceipt(
        alert.id(),
        alert.fingerprint(),
        receiver,
        "pagerduty",
        attempt,
        outcome,
        status,
        error,
        latency,
        at);
  }

  private static LogEvent log(JsonNode line, int index, Instant at) {
    String group = line.path("log_group").asText("");
    return new LogEvent(
        LAMBDA_ACCOUNT,
        group.isEmpty() ? "/aws/lambda/docs-examples" : group,
        "2026/11/25/[$LATEST]" + Integer.toHexString(index / 10),
        Integer.toString(index),
        at.toEpochMilli(),
        line.path("message").asText(),
        SourcePosition.file("alerts/lambda-log-lines.jsonl", index + 1L));
  }

  private static CloudTrailEvent cloudTrail(JsonNode line, int index, Instant at) {
    JsonNode event = line.path("event");
    String account = event.path("recipientAccountId").asText(null);
    if (account == null) {
      account = event.path("userIdentity").path("accountId").asText("111122223333");
    }
    return new CloudTrailEvent(
        event.path("eventID").asText("panther-" + index),
        at,
        event.path("eventSource").asText(null),
        event.path("eventName").asText(null),
        account,
        event.path("awsRegion").asText("us-east-1"),
        "cloudtrail",
        event,
        SourcePosition.file("alerts/cloudtrail-events.jsonl", index + 1L));
  }

  private static List<JsonNode> read(String resource) {
    try (InputStream in = RealAlerts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the test classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<JsonNode> lines = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          lines.add(Json.MAPPER.readTree(line));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Timed(Instant at, Object value) {}
}
