package io.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.Severity;
import io.tocsin.testing.AlertStoreDriver;
import io.tocsin.testing.RealAlerts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalAlertStoreTest {

  private static final List<Alert> ALERTS = RealAlerts.from(RealAlerts.T0);
  private static final Collection<Alert> LATEST =
      ALERTS.stream().collect(Collectors.toMap(Alert::fingerprint, a -> a, (a, b) -> b)).values();

  private static AlertStoreDriver driver;
  private static AlertStore store;

  @BeforeAll
  static void load() {
    driver = AlertStoreDriver.loaded(ALERTS, RealAlerts.receipts(ALERTS));
    store = driver.store();
  }

  @AfterAll
  static void close() {
    driver.close();
  }

  private static List<Alert> list(Map<String, List<String>> filters) {
    return store
        .list(new AlertQuery(filters, null, null, null, AlertSort.NEWEST, 500, null))
        .alerts();
  }

  private static List<Alert> expected(Predicate<Alert> which) {
    return LATEST.stream().filter(which).toList();
  }

  @Test
  void shouldFilterOnEveryLabel() {
    assertThat(list(Map.of("status", List.of("firing"))))
        .containsExactlyInAnyOrderElementsOf(expected(a -> a.status() == AlertStatus.FIRING));
    assertThat(list(Map.of("severity", List.of("critical", "high"))))
        .isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(
            expected(a -> a.rule().severity().compareTo(Severity.HIGH) <= 0));
    assertThat(list(Map.of("rule", List.of("lambda-task-timeout"))))
        .extracting(a -> a.resource().logGroup())
        .containsExactlyInAnyOrder(
            "/aws/lambda/docs-examples", "/aws/lambda/sam-node-test-dev-triggered");
    assertThat(list(Map.of("tag", List.of("T1098"))))
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.rule().tags()).contains("T1098"));
    assertThat(list(Map.of("account", List.of("112233445566")))).hasSize(3);
    assertThat(list(Map.of("principal", List.of("arn:aws:iam::123456789012:root"))))
        .singleElement()
        .satisfies(a -> assertThat(a.rule().id()).isEqualTo("cis-root-account-usage"));
    assertThat(
            list(
                Map.of(
                    "log_group", List.of("/aws/lambda/docs-examples"),
                    "status", List.of("resolved"))))
        .hasSize(4)
        .allSatisfy(a -> assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED));
  }

  @Test
  void shouldFindTitleTextCaseInsensitively() {
    List<Alert> found =
        store
            .list(new AlertQuery(Map.of(), "TIMED OUT", null, null, AlertSort.NEWEST, 50, null))
            .alerts();
    assertThat(found).hasSize(2).allSatisfy(a -> assertThat(a.title()).contains("timed out"));
  }

  @Test
  void shouldListAlertsWhoseIncidentOverlapsTheRange() {
    Instant from = RealAlerts.T0.plusSeconds(35 * 60);
    Instant to = RealAlerts.T0.plusSeconds(36 * 60);
    List<Alert> found =
        store.list(new AlertQuery(Map.of(), null, from, to, AlertSort.NEWEST, 500, null)).alerts();
    assertThat(found)
        .isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(
            expected(
                a ->
                    !a.startsAt().isAfter(to)
                        && (a.endsAt() == null || !a.endsAt().isBefore(from))));
    assertThat(found).anySatisfy(a -> assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED));
  }

  @Test
  void shouldSortInEachOrder() {
    assertThat(page(AlertSort.NEWEST, 500, null).alerts())
        .isSortedAccordingTo(Comparator.comparing(Alert::updatedAt).reversed());
    assertThat(page(AlertSort.OLDEST, 500, null).alerts())
        .isSortedAccordingTo(Comparator.comparing(Alert::updatedAt));
    assertThat(page(AlertSort.SEVERITY, 500, null).alerts())
        .isSortedAccordingTo(Comparator.comparing(a -> a.rule().severity()))
        .first()
        .satisfies(a -> assertThat(a.rule().severity()).isEqualTo(Severity.CRITICAL));
    assertThat(page(AlertSort.COUNT, 500, null).alerts())
        .isSortedAccordingTo(Comparator.comparingLong(Alert::count).reversed());
    List<Alert> byStatus = page(AlertSort.STATUS, 500, null).alerts();
    assertThat(byStatus.stream().filter(a -> a.status() == AlertStatus.FIRING))
        .as("firing: longest firing first within a severity")
        .isSortedAccordingTo(
            Comparator.comparing((Alert a) -> a.rule().severity()).thenComparing(Alert::startsAt));
    assertThat(byStatus.stream().filter(a -> a.status() == AlertStatus.RESOLVED))
        .as("resolved: latest resolved first within a severity")
        .isSortedAccordingTo(
            Comparator.comparing((Alert a) -> a.rule().severity())
                .thenComparing(Alert::updatedAt, Comparator.reverseOrder()));
    assertThat(byStatus.get(0).status()).isEqualTo(AlertStatus.FIRING);
    assertThat(byStatus.get(byStatus.size() - 1).status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(byStatus.stream().map(Alert::status).toList())
        .as("every firing alert before every resolved one")
        .isSorted();
  }

  @Test
  void shouldWalkEveryAlertOnceThroughCursorPages() {
    for (AlertSort sort : AlertSort.values()) {
      List<Alert> walked = new ArrayList<>();
      AlertCursor cursor = null;
      int pages = 0;
      do {
        AlertPage page = page(sort, 7, cursor);
        walked.addAll(page.alerts());
        cursor = page.next();
        pages++;
      } while (cursor != null);
      assertThat(pages).as(sort.label()).isEqualTo(6);
      assertThat(walked).as(sort.label()).isEqualTo(page(sort, 500, null).alerts());
    }
  }

  @Test
  void shouldRoundTripTheOpaqueCursorAndRefuseAnyOther() {
    AlertCursor next = page(AlertSort.SEVERITY, 5, null).next();
    assertThat(AlertCursor.decode(next.encode())).isEqualTo(next);
    assertThatThrownBy(() -> AlertCursor.decode("not-a-cursor"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cursor is not valid");
    assertThatThrownBy(() -> page(AlertSort.NEWEST, 5, next))
        .hasMessage("cursor belongs to sort=severity, not sort=newest");
  }

  @Test
  void shouldCountIncidentsOpenedByRuleSeverityAndHour() {
    Instant from = RealAlerts.T0;
    Instant to = RealAlerts.T0.plusSeconds(3600);
    long opened = ALERTS.stream().filter(a -> a.status() == AlertStatus.FIRING).count();

    AlertCounts byRule = store.counts(new CountQuery(CountQuery.By.RULE, from, to));
    assertThat(byRule.total()).isEqualTo(opened).isEqualTo(42);
    assertThat(byRule.buckets().get(0))
        .isEqualTo(new AlertCounts.Bucket("cis-s3-bucket-policy-change", 6));

    AlertCounts bySeverity = store.counts(new CountQuery(CountQuery.By.SEVERITY, from, to));
    assertThat(bySeverity.buckets())
        .extracting(AlertCounts.Bucket::key)
        .containsExactlyInAnyOrder("critical", "high", "medium", "low");

    AlertCounts byHour =
        store.counts(
            new CountQuery(CountQuery.By.HOUR, from.minusSeconds(3600), to.plusSeconds(3600)));
    assertThat(byHour.buckets())
        .containsExactly(
            new AlertCounts.Bucket("2026-11-24T23:00:00Z", 0),
            new AlertCounts.Bucket("2026-11-25T00:00:00Z", opened),
            new AlertCounts.Bucket("2026-11-25T01:00:00Z", 0));
  }

  @Test
  void shouldCountOnlyTheRangeAsked() {
    Instant from = RealAlerts.T0.plusSeconds(30 * 60);
    Instant to = RealAlerts.T0.plusSeconds(40 * 60);
    long expected =
        ALERTS.stream()
            .filter(a -> a.status() == AlertStatus.FIRING)
            .filter(a -> !a.updatedAt().isBefore(from) && a.updatedAt().isBefore(to))
            .count();
    assertThat(store.counts(new CountQuery(CountQuery.By.RULE, from, to)).total())
        .isEqualTo(expected)
        .isPositive();
  }

  private static AlertPage page(AlertSort sort, int limit, AlertCursor after) {
    return store.list(new AlertQuery(Map.of(), null, null, null, sort, limit, after));
  }
}
