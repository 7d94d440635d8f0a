package io.tocsin.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Alert;
import io.tocsin.testing.DeployedRateAlerts;
import io.tocsin.testing.RunningApi;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployments API over the deployments behind the rate alerts: the list with verdicts, one
 * deployment with the alerts that started after it, and the filters' errors.
 */
class DeploymentApiTest {

  private static RunningApi api;

  @BeforeAll
  static void start() {
    api = RunningApi.withRateAlerts();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static String encoded(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  private static List<String> texts(JsonNode array, String pointer) {
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(item.at(pointer).asText()));
    return values;
  }

  @Test
  void shouldListDeploymentsMostRecentFirstWithTheirVerdicts() {
    JsonNode page = api.json("/api/deployments");
    JsonNode deployments = page.path("deployments");
    assertThat(texts(deployments, "/id"))
        .containsExactly(
            DeployedRateAlerts.CLEAN_ID, DeployedRateAlerts.STACK_ID, DeployedRateAlerts.BAD_ID);
    assertThat(texts(deployments, "/verdict/status"))
        .containsExactly("verified", "failed", "regression");
    assertThat(page.path("next").isNull()).isTrue();
    JsonNode bad = deployments.get(2);
    assertThat(bad.at("/verdict/baseline/errorRatio").asDouble()).isEqualTo(0.01);
    assertThat(bad.at("/verdict/after/errorRatio").asDouble()).isEqualTo(0.08);
    assertThat(bad.at("/actor/name").asText()).isEqualTo("alice");
  }

  @Test
  void shouldFilterByVerdictAndResourceAndPageWithTheCursor() {
    assertThat(
            texts(
                api.json("/api/deployments?verdict=regression,failed").path("deployments"), "/id"))
        .containsExactly(DeployedRateAlerts.STACK_ID, DeployedRateAlerts.BAD_ID);
    JsonNode first = api.json("/api/deployments?resource=orders-api&limit=1");
    assertThat(texts(first.path("deployments"), "/version")).containsExactly("43");
    JsonNode second =
        api.json(
            "/api/deployments?resource=orders-api&limit=1&cursor=" + first.path("next").asText());
    assertThat(texts(second.path("deployments"), "/version")).containsExactly("42");
    assertThat(second.path("next").isNull()).isTrue();
  }

  @Test
  void shouldShowOneDeploymentWithTheAlertsThatStartedAfterIt() {
    JsonNode detail = api.json("/api/deployments/" + encoded(DeployedRateAlerts.BAD_ID));
    assertThat(detail.at("/deployment/version").asText()).isEqualTo("42");
    List<Alert> linked =
        api.alerts().stream()
            .filter(a -> a.context() != null && a.context().has("deploy"))
            .toList();
    assertThat(linked).isNotEmpty();
    JsonNode alerts = detail.path("alerts");
    assertThat(texts(alerts, "/fingerprint"))
        .containsExactlyInAnyOrderElementsOf(
            linked.stream().map(Alert::fingerprint).distinct().toList());
    assertThat(texts(alerts, "/context/deploy/id")).containsOnly(DeployedRateAlerts.BAD_ID);
    assertThat(api.json("/api/deployments/" + encoded(DeployedRateAlerts.CLEAN_ID)).path("alerts"))
        .isEmpty();
    assertThat(
            texts(
                api.json("/api/alerts?deploy=" + encoded(DeployedRateAlerts.BAD_ID)).path("alerts"),
                "/context/deploy/secondsAfterDeploy"))
        .allSatisfy(seconds -> assertThat(Long.parseLong(seconds)).isBetween(0L, 600L));
  }

  @Test
  void shouldAnswerUnknownDeploymentsAndBadFiltersWithClearErrors() {
    HttpResponse<String> missing = api.get("/api/deployments/" + encoded("lambda:nope"));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("no deployment with id lambda:nope");
    HttpResponse<String> verdict = api.get("/api/deployments?verdict=bad");
    assertThat(verdict.statusCode()).isEqualTo(400);
    assertThat(verdict.body())
        .contains(
            "verdict: expected one of pending, verified, regression, failed, none, got 'bad'");
    HttpResponse<String> unknown = api.get("/api/deployments?severity=high");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("unknown query parameter 'severity'");
  }
}
