package io.tocsin.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.testing.RealAlerts;
import io.tocsin.testing.RunningApi;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertApiTest {

  private static RunningApi api;
  private static Map<String, Alert> latest;

  @BeforeAll
  static void start() {
    api = new RunningApi();
    latest =
        api.alerts().stream().collect(Collectors.toMap(Alert::fingerprint, a -> a, (a, b) -> b));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static List<String> fingerprints(JsonNode page) {
    return StreamSupport.stream(page.path("alerts").spliterator(), false)
        .map(a -> a.path("fingerprint").asText())
        .toList();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void shouldListRealAlertsNewestFirstAsTheTopicCarriesThem() {
    JsonNode page = api.json("/api/alerts?sort=newest");

    assertThat(page.path("sort").asText()).isEqualTo("newest");
    assertThat(page.path("limit").asInt()).isEqualTo(50);
    assertThat(page.path("next").isNull()).isTrue();
    assertThat(page.path("alerts")).hasSize(40);
    JsonNode first = page.path("alerts").get(0);
    Alert newest =
        latest.values().stream().max(java.util.Comparator.comparing(Alert::updatedAt)).get();
    assertThat(first.path("fingerprint").asText()).isEqualTo(newest.fingerprint());
    assertThat(first.path("rule").path("severity").asText()).isEqualTo("high");
    assertThat(first.path("updatedAt").asText()).isEqualTo("2026-11-25T00:38:27Z");
    assertThat(first.has("silencedBy")).isFalse();
  }

  @Test
  void shouldCombineFiltersWithAndAndValuesWithOr() {
    JsonNode page =
        api.json("/api/alerts?status=firing&severity=critical,high&severity=medium&limit=500");
    List<String> expected =
        latest.values().stream()
            .filter(a -> a.status() == AlertStatus.FIRING)
            .filter(a -> a.rule().severity().ordinal() <= 2)
            .map(Alert::fingerprint)
            .toList();
    assertThat(fingerprints(page)).isNotEmpty().containsExactlyInAnyOrderElementsOf(expected);

    JsonNode lambda =
        api.json(
            "/api/alerts?rule=lambda-task-timeout&log_group="
                + encode("/aws/lambda/sam-node-test-dev-triggered")
                + "&account="
                + RealAlerts.LAMBDA_ACCOUNT);
    assertThat(lambda.path("alerts")).hasSize(1);
    assertThat(lambda.path("alerts").get(0).path("samples").get(0).asText())
        .contains("Task timed out after");

    assertThat(api.json("/api/alerts?tag=T1098&q=iam+POLICY").path("alerts"))
        .hasSize(4)
        .allSatisfy(a -> assertThat(a.path("title").asText()).startsWith("IAM policy changed"));
    assertThat(
            api.json("/api/alerts?principal=" + encode("arn:aws:iam::123456789012:root"))
                .path("alerts"))
        .hasSize(1);
    assertThat(
            api.json("/api/alerts?from=2026-11-25T00:35:00Z&to=2026-11-25T00:36:00Z")
                .path("alerts"))
        .isNotEmpty()
        .hasSizeLessThan(40);
  }

  @Test
  void shouldWalkAllAlertsThroughCursorPagesWithoutGapsOrRepeats() {
    List<String> walked = new ArrayList<>();
    String path = "/api/alerts?sort=severity&limit=9";
    int pages = 0;
    while (path != null) {
      JsonNode page = api.json(path);
      walked.addAll(fingerprints(page));
      pages++;
      path =
          page.path("next").isNull()
              ? null
              : "/api/alerts?sort=severity&limit=9&cursor=" + page.path("next").asText();
    }
    assertThat(pages).isEqualTo(5);
    assertThat(walked).isEqualTo(fingerprints(api.json("/api/alerts?sort=severity&limit=500")));
    assertThat(walked).doesNotHaveDuplicates().hasSize(40);
  }

  @Test
  void shouldShowOneAlertWithItsHistoryAndDeliveries() {
    Alert reopened =
        api.alerts().stream()
            .filter(a -> a.rule().id().equals("cis-root-account-usage") && a.count() == 4)
            .findFirst()
            .orElseThrow();

    JsonNode detail = api.json("/api/alerts/" + reopened.fingerprint());

    assertThat(detail.path("alert").path("status").asText()).isEqualTo("firing");
    assertThat(detail.path("alert").path("resource").path("principalArn").asText())
        .isEqualTo("arn:aws:iam::123456789012:root");
    assertThat(detail.path("history"))
        .extracting(h -> h.path("status").asText())
        .containsExactly("firing", "resolved", "firing");
    assertThat(detail.path("receipts"))
        .extracting(r -> r.path("outcome").asText())
        .contains("DELIVERED");
    assertThat(detail.path("receipts").get(0).path("receiver").asText())
        .isEqualTo("security-pager");
  }

  @Test
  void shouldAnswer404ForAnUnknownFingerprint() {
    HttpResponse<String> response = api.get("/api/alerts/0000000000000000");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(RunningApi.parse(response.body()).path("error").asText()).isEqualTo("not_found");
  }

  @Test
  void shouldCountIncidentsByRuleSeverityAndHour() {
    String range = "&from=2026-11-25T00:00:00Z&to=2026-11-25T03:00:00Z";
    JsonNode byRule = api.json("/api/counts?by=rule" + range);
    assertThat(byRule.path("total").asLong()).isEqualTo(42);
    assertThat(byRule.path("buckets").get(0).path("key").asText())
        .isEqualTo("cis-s3-bucket-policy-change");
    assertThat(byRule.path("buckets").get(0).path("count").asLong()).isEqualTo(6);

    JsonNode bySeverity = api.json("/api/counts?by=severity" + range);
    assertThat(bySeverity.path("buckets"))
        .extracting(b -> b.path("key").asText())
        .containsExactlyInAnyOrder("critical", "high", "medium", "low");

    JsonNode byHour = api.json("/api/counts?by=hour" + range);
    assertThat(byHour.path("buckets"))
        .extracting(b -> b.path("key").asText() + "=" + b.path("count").asLong())
        .containsExactly(
            "2026-11-25T00:00:00Z=42", "2026-11-25T01:00:00Z=0", "2026-11-25T02:00:00Z=0");
  }

  @Test
  void shouldListTheLoadedRules() {
    JsonNode rules = api.json("/api/rules").path("rules");
    assertThat(rules).hasSize(RealAlerts.rules().size());
    JsonNode timeout =
        StreamSupport.stream(rules.spliterator(), false)
            .filter(r -> r.path("id").asText().equals("lambda-task-timeout"))
            .findFirst()
            .orElseThrow();
    assertThat(timeout.path("severity").asText()).isEqualTo("high");
    assertThat(timeout.path("suppression").asText()).isEqualTo("5m");
    assertThat(timeout.path("pattern").asText()).isEqualTo("\"Task timed out after\"");
    assertThat(timeout.path("file").asText()).endsWith("lambda-errors.yaml");
  }

  static Stream<Arguments> protectedCalls() {
    return Stream.of(
        Arguments.of("GET", "/api/alerts"),
        Arguments.of("GET", "/api/alerts/abc"),
        Arguments.of("GET", "/api/counts?by=rule"),
        Arguments.of("GET", "/api/rules"),
        Arguments.of("GET", "/api/silences"),
        Arguments.of("POST", "/api/silences"),
        Arguments.of("DELETE", "/api/silences/abc"),
        Arguments.of("POST", "/internal/v1/alerts/query"),
        Arguments.of("GET", "/internal/v1/alerts/abc"),
        Arguments.of("POST", "/internal/v1/counts"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("protectedCalls")
  void shouldRefuseEveryCallWithoutTheToken(String method, String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(java.net.URI.create(api.url() + path))
            .method(method, HttpRequest.BodyPublishers.ofString("{}"));
    HttpResponse<String> response = api.send(request.build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"tocsin\"");
    JsonNode error = RunningApi.parse(response.body());
    assertThat(error.path("error").asText()).isEqualTo("unauthorized");
    assertThat(error.path("message").asText()).contains("Authorization: Bearer");
  }

  @Test
  void shouldRefuseAWrongTokenWithoutSayingWhatWasSent() {
    String wrong = RunningApi.TOKEN.substring(0, RunningApi.TOKEN.length() - 1) + "X";
    HttpResponse<String> response =
        api.send(
            HttpRequest.newBuilder(java.net.URI.create(api.url() + "/api/alerts"))
                .header("Authorization", "Bearer " + wrong)
                .build());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"tocsin\", error=\"invalid_token\"");
    assertThat(response.body()).doesNotContain(wrong).contains("the API token is not valid");
  }

  static Stream<Arguments> badQueries() {
    return Stream.of(
        Arguments.of("/api/alerts?colour=red", "unknown query parameter 'colour'"),
        Arguments.of("/api/alerts?from=yesterday", "from: expected an ISO-8601 time"),
        Arguments.of("/api/alerts?to=2026-13-45T99:00:00Z", "to: expected an ISO-8601 time"),
        Arguments.of(
            "/api/alerts?from=2026-11-26T00:00:00Z&to=2026-11-25T00:00:00Z",
            "from must not be after to"),
        Arguments.of("/api/alerts?limit=100000", "limit: expected a whole number from 1 to 500"),
        Arguments.of("/api/alerts?limit=0", "limit: expected a whole number from 1 to 500"),
        Arguments.of("/api/alerts?limit=ten", "limit: expected a whole number, got 'ten'"),
        Arguments.of("/api/alerts?limit=5&limit=6", "limit: give it once"),
        Arguments.of("/api/alerts?cursor=bm90IGEgY3Vyc29y", "cursor is not valid"),
        Arguments.of("/api/alerts?cursor=%25%25%25", "cursor is not valid"),
        Arguments.of("/api/alerts?sort=loudest", "sort must be one of status, newest, oldest"),
        Arguments.of("/api/alerts?status=open", "status: expected one of firing, resolved"),
        Arguments.of("/api/alerts?severity=urgent", "severity: expected one of critical"),
        Arguments.of("/api/alerts?q=" + "x".repeat(201), "q: at most 200 characters"),
        Arguments.of("/api/counts", "by is required"),
        Arguments.of("/api/counts?by=colour", "by must be rule, severity or hour"),
        Arguments.of("/api/counts?by=rule&from=noon", "from: expected an ISO-8601 time"),
        Arguments.of(
            "/api/counts?by=hour&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
            "counts by hour cover at most 366 days"),
        Arguments.of(
            "/api/counts?by=rule&from=2026-11-25T00:00:00Z&to=2026-11-25T00:00:00Z",
            "the range needs from before to"),
        Arguments.of("/api/rules?verbose=true", "unknown query parameter 'verbose'"),
        Arguments.of("/api/silences?expired=maybe", "expired: expected true or false"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badQueries")
  void shouldAnswer400WithAMessageForABadQuery(String path, String message) {
    HttpResponse<String> response = api.get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = RunningApi.parse(response.body());
    assertThat(error.path("error").asText()).isEqualTo("bad_request");
    assertThat(error.path("message").asText()).contains(message);
  }

  @Test
  void shouldRefuseACursorMadeForAnotherSort() {
    String next = api.json("/api/alerts?sort=count&limit=3").path("next").asText();
    HttpResponse<String> response = api.get("/api/alerts?sort=oldest&cursor=" + next);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("cursor belongs to sort=count, not sort=oldest");
  }
}
