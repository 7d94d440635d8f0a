package io.tocsin.detect;

import static io.tocsin.detect.SlidingRateTest.of;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Json;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.rules.RuleLoader;
import io.tocsin.testing.AlertContract;
import io.tocsin.testing.DetectionDriver;
import io.tocsin.testing.Replay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threshold rules (API Gateway p99 latency from access logs, a minimum from structured logs) and
 * the CloudTrail AccessDenied rate per principal, on the production topology.
 */
class ThresholdAndTrailRulesTest {

  private static final Instant T0 = SlidingRateTest.T0;
  private static final String STAGE = "/aws/apigateway/orders-prod";

  @TempDir Path dir;
  private final Random random = new Random(3);
  private long sequence;

  /** JSON access-log lines (as SampleTraffic writes them): status a string, latencies numbers. */
  private List<LogEvent> accessLogs(long fromSecond, long seconds, double slowShare) {
    List<LogEvent> lines = new ArrayList<>();
    for (long ms = fromSecond * 1000; ms < (fromSecond + seconds) * 1000; ms += 100) {
      boolean slow = random.nextDouble() < slowShare;
      int latency = slow ? 2000 + random.nextInt(1000) : 20 + random.nextInt(320);
      String line =
          String.format(
              Locale.ROOT,
              "{\"requestId\":\"r-%d\",\"ip\":\"198.51.100.%d\",\"requestTime\":\"%s\","
                  + "\"httpMethod\":\"POST\",\"routeKey\":\"POST /orders\",\"status\":\"%s\","
                  + "\"protocol\":\"HTTP/1.1\",\"responseLength\":\"310\",\"integrationLatency\":%d,"
                  + "\"responseLatency\":%d}",
              ++sequence,
              random.nextInt(250),
              T0.plusMillis(ms),
              random.nextInt(50) == 0 ? "404" : "200",
              latency - 5,
              latency);
      lines.add(log(STAGE, T0.plusMillis(ms), line));
    }
    return lines;
  }

  private LogEvent log(String group, Instant at, String message) {
    String id = Long.toString(++sequence);
    return new LogEvent(
        "123456789012",
        group,
        "s",
        id,
        at.toEpochMilli(),
        message,
        SourcePosition.kinesis("logs", "shardId-000000000000", id));
  }

  @Test
  void shouldPageOnApiGatewayP99LatencyAndNotOnItsErrorRates() {
    List<LogEvent> events = new ArrayList<>(accessLogs(0, 360, 0));
    events.addAll(accessLogs(360, 180, 0.03));
    events.addAll(accessLogs(540, 420, 0));
    List<Alert> alerts;
    try (DetectionDriver driver = new DetectionDriver(SlidingRateTest.RULES, T0)) {
      alerts = new Replay(driver, T0).play(events).alerts();
    }
    List<Alert> latency = of(alerts, "apigw-p99-latency");
    assertThat(latency)
        .extracting(Alert::status)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    Alert firing = latency.get(0);
    assertThat(firing.evaluation().statistic()).isEqualTo("p99");
    assertThat(firing.evaluation().value()).isBetween(1000.0, 3000.0 * 1.01);
    assertThat(firing.count()).as("values in the 5m window").isGreaterThanOrEqualTo(50);
    assertThat(firing.summary()).contains("p99 ").contains("> 1000 over the last 5m in " + STAGE);
    assertThat(firing.updatedAt()).isBetween(T0.plusSeconds(360), T0.plusSeconds(540));
    AlertContract.assertValid(latency);
    assertThat(alerts)
        .as("2 % 404s and no 5XX: neither error-rate rule pages")
        .noneMatch(a -> a.rule().id().startsWith("apigw-") && a.rule().kind().equals("rate"));
  }

  @Test
  void shouldAlarmWhenTheMinimumOfAStructuredLogValueFallsBelowTheThreshold() throws IOException {
    Path rules =
        Files.writeString(
            dir.resolve("storage.yaml"),
            """
            rules:
              - id: free-storage-low
                title: Free storage below 1 GB
                source: logs
                kind: threshold
                pattern: '{ $.metric = "FreeStorageSpace" }'
                group_by: [log_group, $.db]
                severity: high
                alarm: {value: $.value, statistic: min, comparison: "<", threshold: 1000000000, period: 1m}
                tests:
                  - event: '{"metric":"FreeStorageSpace","db":"orders","value":5.2e9}'
                    fires: true
                    value: 5200000000
            """);
    List<LogEvent> events = new ArrayList<>();
    for (int minute = 0; minute < 6; minute++) {
      double free = minute == 2 ? 0.4e9 : 5e9 - minute * 1e8;
      for (String db : List.of("orders", "billing")) {
        double value = db.equals("orders") ? free : 9e9;
        events.add(
            log(
                "/app/storage",
                T0.plus(Duration.ofMinutes(minute)),
                "{\"metric\":\"FreeStorageSpace\",\"db\":\"" + db + "\",\"value\":" + value + "}"));
      }
    }
    List<Alert> alerts;
    try (DetectionDriver driver = new DetectionDriver(RuleLoader.load(List.of(rules), false), T0)) {
      alerts = new Replay(driver, T0).play(events).idle(Duration.ofMinutes(2)).alerts();
    }
    assertThat(alerts)
        .extracting(Alert::status)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    assertThat(alerts.get(0).updatedAt())
        .as("the low value counts once its second is over")
        .isEqualTo(T0.plus(Duration.ofMinutes(2)).plusSeconds(1));
    assertThat(alerts.get(0).evaluation().value()).isEqualTo(0.4e9);
    assertThat(alerts.get(0).labels()).containsEntry("$.db", "orders");
    assertThat(alerts.get(1).updatedAt())
        .as("the low value leaves the 1m window, 60 s after it joined")
        .isEqualTo(T0.plus(Duration.ofMinutes(3)).plusSeconds(1));
  }

  @Test
  void shouldRateAccessDeniedPerPrincipalWithOneAlertNotOnePerCall() {
    List<CloudTrailEvent> events = new ArrayList<>();
    for (int second = 0; second < 240; second++) {
      Instant at = T0.plusSeconds(second);
      events.add(call(at, "alice", random.nextInt(50) == 0));
      events.add(call(at.plusMillis(500), "mallory", second >= 60 && random.nextInt(10) < 6));
    }
    events.sort(Comparator.comparing(CloudTrailEvent::eventTime));
    List<Alert> alerts;
    try (DetectionDriver driver = new DetectionDriver(SlidingRateTest.RULES, T0)) {
      alerts =
          of(new Replay(driver, T0).playTrail(events).alerts(), "cloudtrail-access-denied-rate");
    }
    assertThat(alerts).hasSize(1);
    Alert firing = alerts.get(0);
    assertThat(firing.resource().principalArn())
        .isEqualTo("arn:aws:iam::111122223333:user/mallory");
    assertThat(firing.labels()).containsEntry("account", "111122223333");
    assertThat(firing.evaluation().value()).isGreaterThan(0.1);
    assertThat(firing.samples()).allMatch(s -> s.contains("AccessDenied"));
  }

  private CloudTrailEvent call(Instant at, String user, boolean denied) {
    ObjectNode e = Json.MAPPER.createObjectNode();
    e.put("eventVersion", "1.09");
    ObjectNode identity = e.putObject("userIdentity");
    identity.put("type", "IAMUser");
    identity.put("arn", "arn:aws:iam::111122223333:user/" + user);
    identity.put("accountId", "111122223333");
    e.put("eventTime", at.toString());
    e.put("eventSource", "s3.amazonaws.com");
    e.put("eventName", "GetObject");
    e.put("awsRegion", "us-east-1");
    e.put("sourceIPAddress", "198.51.100.23");
    if (denied) {
      e.put("errorCode", "AccessDenied");
      e.put("errorMessage", "Access Denied");
    }
    e.put("eventID", "ev-" + ++sequence);
    e.put("recipientAccountId", "111122223333");
    return new CloudTrailEvent(
        "ev-" + sequence,
        at,
        "s3.amazonaws.com",
        "GetObject",
        "111122223333",
        "us-east-1",
        "cloudtrail",
        e,
        SourcePosition.kinesis("cloudtrail", "shardId-000000000000", Long.toString(sequence)));
  }
}
