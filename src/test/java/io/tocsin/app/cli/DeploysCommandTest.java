package io.tocsin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.Alert;
import io.tocsin.testing.DeployedRateAlerts;
import io.tocsin.testing.RunningApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code tocsin deploys} and the deploy line of {@code alerts show}, over the running API. */
class DeploysCommandTest {

  private static RunningApi api;
  private static Map<String, String> env;

  @BeforeAll
  static void start() {
    api = RunningApi.withRateAlerts();
    env = Map.of("TOCSIN_SERVER", api.url(), "TOCSIN_API_TOKEN", RunningApi.TOKEN);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static CliRun deploys(String... args) {
    return CliRun.of(new DeploysCommand(env::get), args);
  }

  @Test
  void shouldListDeploymentsMostRecentFirstWithVerdictsAndErrorRatios() {
    CliRun run = deploys("list");

    assertThat(run.code()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .startsWith("DEPLOYED (UTC)     RESOURCE         VERSION  BY         VERDICT     ERRORS");
    assertThat(lines.get(1))
        .startsWith(
            "2026-11-26 10:07Z  orders-api       43       codebuild  verified    4.0% → 1.0%")
        .endsWith(DeployedRateAlerts.CLEAN_ID);
    assertThat(lines.get(2)).contains("orders-platform", "failed", "-").doesNotContain("null");
    assertThat(lines.get(3)).contains("42", "alice", "regression", "1.0% → 8.0%");
    assertThat(lines).contains("3 deployments");
    assertThat(lines.subList(0, 4))
        .allSatisfy(
            line ->
                assertThat(line.substring(0, line.lastIndexOf("  ")).stripTrailing().length())
                    .as("all but the id fit 80 columns: " + line)
                    .isLessThanOrEqualTo(80));
  }

  @Test
  void shouldFilterByVerdictAndRefuseAnUnknownOne() {
    CliRun regressions = deploys("list", "--verdict", "regression");
    assertThat(regressions.out()).contains(DeployedRateAlerts.BAD_ID).contains("1 deployments");

    CliRun bad = deploys("list", "--verdict", "broken");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("verdict: expected one of pending, verified");
  }

  @Test
  void shouldShowTheVerdictWithTheFiguresBeforeAndAfterAndTheLinkedAlerts() {
    CliRun run = deploys("show", DeployedRateAlerts.BAD_ID);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("orders-api version 42 (lambda UpdateFunctionCode) — REGRESSION")
        .contains("  by           alice (arn:aws:iam::123456789012:user/alice)")
        .contains("Verdict: regression 75 s after the deploy (2026-11-26 10:05:15Z)")
        .contains("one-sided binomial");
    assertThat(run.out().lines())
        .anyMatch(l -> l.matches("  window +10:00:00 – 10:04:00 +10:04:00 – 10:05:15"))
        .anyMatch(l -> l.matches("  invocations +1,200 +375"))
        .anyMatch(l -> l.matches("  errors +12 \\(1\\.00 %\\) +30 \\(8\\.00 %\\)"));
    Alert linked =
        api.alerts().stream()
            .filter(a -> a.context() != null && a.context().has("deploy"))
            .findFirst()
            .orElseThrow();
    assertThat(run.out())
        .contains("Alerts that started after it:")
        .contains(AlertText.abbreviate(linked.fingerprint()));
  }

  @Test
  void shouldSayInAlertsShowHowLongAfterWhichDeployTheAlertStarted() {
    Alert linked =
        api.alerts().stream()
            .filter(a -> a.context() != null && a.context().has("deploy"))
            .reduce((first, second) -> second)
            .orElseThrow();
    CliRun run = CliRun.of(new AlertsCommand(env::get), "show", linked.fingerprint());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out().lines())
        .anyMatch(
            l ->
                l.matches(
                    "  deploy +started \\d+ s after deploy 42 of orders-api by alice \\("
                        + DeployedRateAlerts.BAD_ID
                        + "\\)"));
  }
}
