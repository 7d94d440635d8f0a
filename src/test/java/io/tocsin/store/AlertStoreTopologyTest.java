package io.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.DeliveryReceipt;
import io.tocsin.testing.AlertStoreDriver;
import io.tocsin.testing.RealAlerts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertStoreTopologyTest {

  private static final List<Alert> ALERTS = RealAlerts.from(RealAlerts.T0);
  private static final List<DeliveryReceipt> RECEIPTS = RealAlerts.receipts(ALERTS);

  private AlertStoreDriver driver;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  private AlertStore loaded(Duration retention) {
    driver = new AlertStoreDriver(retention, RealAlerts.T0);
    ALERTS.forEach(driver::pipe);
    RECEIPTS.forEach(driver::pipe);
    return driver.store();
  }

  @Test
  void shouldKeepTheLatestStateOfEveryFingerprint() {
    AlertStore store = loaded(Duration.ofDays(30));

    Map<String, Alert> latest =
        ALERTS.stream().collect(Collectors.toMap(Alert::fingerprint, a -> a, (a, b) -> b));
    List<Alert> listed = store.list(AlertQuery.all(500)).alerts();
    assertThat(listed).hasSize(latest.size()).hasSize(40);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(latest.values());
  }

  @Test
  void shouldKeepEveryStateChangeAndReceiptOfAnAlertInOrder() {
    AlertStore store = loaded(Duration.ofDays(30));
    Alert reopened =
        ALERTS.stream()
            .filter(a -> a.rule().id().equals("cis-root-account-usage"))
            .filter(a -> a.status() == AlertStatus.RESOLVED)
            .filter(a -> a.count() == 4)
            .findFirst()
            .orElseThrow();

    AlertDetail detail = store.get(reopened.fingerprint()).orElseThrow();

    assertThat(detail.history())
        .extracting(Alert::status)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED, AlertStatus.FIRING);
    assertThat(detail.current()).isEqualTo(detail.history().get(2));
    assertThat(detail.receipts())
        .extracting(DeliveryReceipt::outcome)
        .contains(DeliveryReceipt.Outcome.DELIVERED);
    assertThat(detail.receipts())
        .extracting(DeliveryReceipt::alertId)
        .containsOnly(detail.history().get(0).id(), detail.history().get(2).id());
  }

  @Test
  void shouldNotLetALateOlderStateReplaceANewerOne() {
    AlertStore store = loaded(Duration.ofDays(30));
    Alert firing = ALERTS.stream().filter(a -> a.status() == AlertStatus.FIRING).findFirst().get();
    Alert resolved = store.get(firing.fingerprint()).orElseThrow().current();
    assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);

    driver.pipe(firing);

    AlertDetail after = store.get(firing.fingerprint()).orElseThrow();
    assertThat(after.current()).isEqualTo(resolved);
    assertThat(after.history()).as("a replayed state change is shown once").hasSize(2);
  }

  @Test
  void shouldForgetResolvedAlertsPastTheRetentionButKeepFiringOnes() {
    AlertStore store = loaded(Duration.ofHours(1));
    long firing =
        store.list(AlertQuery.all(500)).alerts().stream()
            .filter(a -> a.status() == AlertStatus.FIRING)
            .count();

    driver.advanceWallClock(Duration.ofMinutes(30));
    assertThat(store.list(AlertQuery.all(500)).alerts()).hasSize(40);

    driver.advanceWallClock(Duration.ofHours(2));
    List<Alert> left = store.list(AlertQuery.all(500)).alerts();
    assertThat(left)
        .hasSize((int) firing)
        .extracting(Alert::status)
        .containsOnly(AlertStatus.FIRING);
  }

  @Test
  void shouldMatchTheCommittedTopologyDescription() throws IOException {
    String committed = Files.readString(Path.of("topology-docs/alert-store.topology.txt"));
    String actual = AlertStoreDriver.topology(Duration.ofDays(30)).describe().toString();
    assertThat(actual)
        .as(
            "the alert-store topology changed: review it, then write the new description to"
                + " topology-docs/alert-store.topology.txt")
        .isEqualTo(committed);
  }
}
