package io.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.model.Deployment;
import io.tocsin.testing.DeployedRateAlerts;
import io.tocsin.testing.DeploymentStoreDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GlobalDeploymentStoreTest {

  private final DeploymentStoreDriver driver =
      DeploymentStoreDriver.loaded(DeployedRateAlerts.changes());
  private final DeploymentStore store = driver.store();

  @AfterEach
  void close() {
    driver.close();
  }

  private static DeploymentQuery query(List<String> resources, List<String> verdicts, int limit) {
    return new DeploymentQuery(resources, null, verdicts, null, null, limit, null);
  }

  @Test
  void shouldKeepTheLatestStateOfEachDeploymentMostRecentFirst() {
    List<Deployment> listed = store.list(DeploymentQuery.recent(50)).deployments();
    assertThat(listed)
        .extracting(Deployment::id)
        .containsExactly(
            DeployedRateAlerts.CLEAN_ID, DeployedRateAlerts.STACK_ID, DeployedRateAlerts.BAD_ID);
    assertThat(listed)
        .extracting(d -> d.verdict().status().label())
        .containsExactly("verified", "failed", "regression");
    assertThat(store.get(DeployedRateAlerts.STACK_ID).orElseThrow().outcome().failedResource())
        .isEqualTo("OrdersTable");
    assertThat(store.get("lambda:nope")).isEmpty();
  }

  @Test
  void shouldFilterByResourceVerdictKindAndDeployTime() {
    assertThat(store.list(query(List.of("orders-api"), null, 50)).deployments())
        .extracting(Deployment::version)
        .containsExactly("43", "42");
    assertThat(store.list(query(null, List.of("regression", "failed"), 50)).deployments())
        .extracting(Deployment::id)
        .containsExactly(DeployedRateAlerts.STACK_ID, DeployedRateAlerts.BAD_ID);
    assertThat(
            store
                .list(
                    new DeploymentQuery(null, List.of("cloudformation"), null, null, null, 9, null))
                .deployments())
        .extracting(Deployment::id)
        .containsExactly(DeployedRateAlerts.STACK_ID);
    DeploymentQuery after =
        new DeploymentQuery(
            null,
            null,
            null,
            DeployedRateAlerts.BAD_AT.plusSeconds(1),
            DeployedRateAlerts.FIX_AT,
            9,
            null);
    assertThat(store.list(after).deployments())
        .extracting(Deployment::id)
        .containsExactly(DeployedRateAlerts.STACK_ID);
  }

  @Test
  void shouldListADeploymentTheWatchHasNotJudgedAsNone() {
    Deployment recorded = DeployedRateAlerts.changes().get(0);
    Deployment fresh =
        new Deployment(
            recorded.schemaVersion(),
            "lambda:123456789012:us-east-1:orders-api:44",
            recorded.kind(),
            recorded.action(),
            recorded.resource(),
            recorded.resources(),
            "44",
            recorded.codeSha256(),
            recorded.actor(),
            null,
            recorded.account(),
            recorded.region(),
            DeployedRateAlerts.FIX_AT.plus(Duration.ofMinutes(10)),
            "evt-44",
            recorded.outcome(),
            recorded.evidence(),
            null,
            DeployedRateAlerts.FIX_AT.plus(Duration.ofMinutes(10)));
    driver.pipe(fresh);
    assertThat(store.list(query(null, List.of(DeploymentQuery.NO_VERDICT), 9)).deployments())
        .containsExactly(fresh);
  }

  @Test
  void shouldPageThroughEveryDeploymentOnceWithTheCursor() {
    List<String> seen = new ArrayList<>();
    DeploymentCursor cursor = null;
    int pages = 0;
    do {
      DeploymentPage page =
          store.list(new DeploymentQuery(null, null, null, null, null, 2, cursor));
      page.deployments().forEach(d -> seen.add(d.id()));
      cursor = page.next() == null ? null : DeploymentCursor.decode(page.next().encode());
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(2);
    assertThat(seen)
        .containsExactly(
            DeployedRateAlerts.CLEAN_ID, DeployedRateAlerts.STACK_ID, DeployedRateAlerts.BAD_ID);
  }

  @Test
  void shouldRefuseACursorItDidNotIssue() {
    assertThatThrownBy(() -> DeploymentCursor.decode("bm90LWEtY3Vyc29y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cursor is not valid");
  }
}
