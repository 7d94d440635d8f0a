package io.tocsin.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.Severity;
import io.tocsin.testing.RateAlerts;
import io.tocsin.testing.RealAlerts;
import io.tocsin.testing.RunningApi;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the on-call engineer sees first: the default order of the list, the alert detail with what
 * to do and the call in words, the series of a rate alert, and 405 for a wrong method.
 */
class AlertDetailApiTest {

  private static RunningApi api;

  @BeforeAll
  static void start() {
    api = RunningApi.withRateAlerts();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static List<JsonNode> items(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  private static Alert last(String ruleId) {
    List<Alert> changes = api.alerts().stream().filter(a -> a.rule().id().equals(ruleId)).toList();
    return changes.get(changes.size() - 1);
  }

  @Test
  void shouldListFiringAlertsFirstThenMostSevereThenLongestFiringByDefault() {
    JsonNode page = api.json("/api/alerts?limit=500");

    assertThat(page.path("sort").asText()).isEqualTo("status");
    List<JsonNode> alerts = items(page.path("alerts"));
    assertThat(alerts).hasSize(42);
    Comparator<JsonNode> firingFirst =
        Comparator.comparing(a -> AlertStatus.valueOf(a.path("status").asText().toUpperCase()));
    Comparator<JsonNode> severity =
        Comparator.comparing(
            a -> Severity.valueOf(a.path("rule").path("severity").asText().toUpperCase()));
    assertThat(alerts).isSortedAccordingTo(firingFirst.thenComparing(severity));
    List<JsonNode> firing =
        alerts.stream().filter(a -> a.path("status").asText().equals("firing")).toList();
    assertThat(firing.get(0).path("rule").path("severity").asText()).isEqualTo("critical");
    for (int i = 1; i < firing.size(); i++) {
      JsonNode before = firing.get(i - 1);
      JsonNode after = firing.get(i);
      if (severity.compare(before, after) == 0) {
        assertThat(Instant.parse(before.path("startsAt").asText()))
            .as("longest firing first")
            .isBeforeOrEqualTo(Instant.parse(after.path("startsAt").asText()));
      }
    }
    assertThat(alerts.get(alerts.size() - 1).path("status").asText()).isEqualTo("resolved");
  }

  @Test
  void shouldSayWhatHappenedInWordsAndWhatToDoFromTheRule() {
    Alert admin = RealAlerts.lastAttaching(api.alerts(), "AdministratorAccess");
    JsonNode detail = api.json("/api/alerts/" + admin.fingerprint());

    assertThat(detail.path("action").asText())
        .isEqualTo("tester attached AdministratorAccess to role new-role");
    JsonNode rule = detail.path("rule");
    assertThat(rule.path("id").asText()).isEqualTo("cis-iam-policy-change");
    assertThat(rule.path("description").asText())
        .isEqualTo(
            "An IAM policy was created, deleted, versioned, attached or detached. (SH-CloudWatch.4)");
    assertThat(rule.path("runbook").asText())
        .isEqualTo(
            "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html");

    JsonNode logAlert = api.json("/api/alerts/" + last("lambda-task-timeout").fingerprint());
    assertThat(logAlert.path("action").isNull()).isTrue();
  }

  @Test
  void shouldServeThePeriodicDatapointsWithTheThresholdAndTransitions() {
    Alert resolved = last(RateAlerts.PERIODIC);
    JsonNode series = api.json("/api/alerts/" + resolved.fingerprint() + "/series");

    assertThat(series.path("mode").asText()).isEqualTo("periodic");
    assertThat(series.path("statistic").asText()).isEqualTo("ratio");
    assertThat(series.path("threshold").asDouble()).isEqualTo(0.05);
    assertThat(series.path("periodSeconds").asLong()).isEqualTo(60);
    assertThat(series.path("to").asText())
        .as("ten minutes after the last change")
        .isEqualTo(resolved.updatedAt().plusSeconds(600).toString());
    assertThat(items(series.path("transitions")))
        .extracting(t -> t.path("status").asText())
        .containsExactly("firing", "resolved");
    List<JsonNode> points = items(series.path("points"));
    assertThat(points).extracting(p -> p.path("source").asText()).containsOnly("datapoint");
    assertThat(points)
        .extracting(p -> Instant.parse(p.path("at").asText()))
        .as("one per minute, the first breaching minute at 10:04")
        .contains(RateAlerts.T0.plusSeconds(240), RateAlerts.T0.plusSeconds(300))
        .isSorted()
        .doesNotHaveDuplicates();
    assertThat(points)
        .filteredOn(p -> p.path("at").asText().equals(RateAlerts.T0.plusSeconds(240).toString()))
        .singleElement()
        .satisfies(p -> assertThat(p.path("value").asDouble()).isGreaterThan(0.05));
  }

  @Test
  void shouldServeTheSlidingFiguresOfEachMinuteAndEachChangeWithNumeratorAndDenominator() {
    Alert resolved = last(RateAlerts.SLIDING);
    JsonNode series = api.json("/api/alerts/" + resolved.fingerprint() + "/series");

    assertThat(series.path("mode").asText()).isEqualTo("sliding");
    List<JsonNode> points = items(series.path("points"));
    List<JsonNode> changes = from(points, "change");
    List<JsonNode> minutes = from(points, "minute");
    assertThat(changes)
        .hasSameSizeAs(items(series.path("transitions")))
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(points).hasSize(changes.size() + minutes.size());
    assertThat(minutes)
        .as("one per minute of the ten minutes of traffic")
        .hasSizeGreaterThanOrEqualTo(10)
        .allSatisfy(
            p -> {
              assertThat(Instant.parse(p.path("at").asText()).getEpochSecond() % 60).isZero();
              assertThat(p.path("numerator").asDouble() / p.path("denominator").asDouble())
                  .isCloseTo(p.path("value").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
            });
    assertThat(minutes).anySatisfy(p -> assertThat(p.path("value").asDouble()).isGreaterThan(0.05));
    assertThat(minutes).anySatisfy(p -> assertThat(p.path("value").asDouble()).isLessThan(0.05));
    JsonNode firing = changes.get(0);
    assertThat(firing.path("value").asDouble()).isGreaterThan(0.05);
    assertThat(firing.path("numerator").asDouble() / firing.path("denominator").asDouble())
        .isCloseTo(firing.path("value").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(series.has("statusAtFrom")).as("no change before the range").isFalse();

    String later = resolved.updatedAt().plusSeconds(3600).toString();
    JsonNode after = api.json("/api/alerts/" + resolved.fingerprint() + "/series?from=" + later);
    assertThat(after.path("statusAtFrom").asText()).isEqualTo("resolved");
    assertThat(after.path("points")).isEmpty();
  }

  private static List<JsonNode> from(List<JsonNode> points, String source) {
    return points.stream().filter(p -> p.path("source").asText().equals(source)).toList();
  }

  @Test
  void shouldSayThatAMatchAlertHasNoSeries() {
    HttpResponse<String> response =
        api.get("/api/alerts/" + last("lambda-task-timeout").fingerprint() + "/series");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("only rate and threshold alerts have a series");
  }

  @Test
  void shouldAnswer405WithAllowForAWrongMethod() {
    HttpResponse<String> put =
        api.send(api.request("/api/alerts").PUT(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).hasValue("GET");
    assertThat(put.body()).contains("method_not_allowed").contains("PUT is not allowed");

    HttpResponse<String> delete = api.send(api.request("/api/silences").DELETE().build());
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(delete.headers().firstValue("Allow").orElseThrow()).contains("GET").contains("POST");
  }
}
