package io.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.Deployment;
import io.tocsin.testing.DeployedRateAlerts;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictConsoleTest {

  private static final List<Deployment> CHANGES = DeployedRateAlerts.changes();

  @Test
  void shouldPrintARegressionWithTheErrorRatiosAndWhenItWasDecided() {
    assertThat(VerdictConsole.line(CHANGES.get(2)))
        .isEqualTo(
            "VERDICT  regression  orders-api 42 by alice: errors 1.00 % → 8.00 %, 75 s after the"
                + " deploy");
    assertThat(VerdictConsole.line(CHANGES.get(5)))
        .isEqualTo(
            "VERDICT  verified    orders-api 43 by codebuild: errors 4.00 % → 1.00 %, 180 s after"
                + " the deploy");
  }

  @Test
  void shouldPrintARolledBackStackWithTheFailedResourceAndItsReason() {
    assertThat(VerdictConsole.line(CHANGES.get(3)))
        .isEqualTo(
            "VERDICT  failed      orders-platform by codebuild: rolled back, OrdersTable: Resource"
                + " handler returned message: \"Cannot update GSI's properties\"");
  }

  @Test
  void shouldEscapeControlCharactersFromTheEvent() {
    Deployment bad = CHANGES.get(2);
    Deployment hostile =
        new Deployment(
            bad.schemaVersion(),
            bad.id(),
            bad.kind(),
            bad.action(),
            "orders\u001b[2J-api",
            bad.resources(),
            bad.version(),
            bad.codeSha256(),
            new Deployment.Actor(null, "mallory\u202e"),
            bad.stack(),
            bad.account(),
            bad.region(),
            bad.time(),
            bad.sourceEventId(),
            bad.outcome(),
            bad.evidence(),
            bad.verdict(),
            bad.updatedAt());
    assertThat(VerdictConsole.line(hostile))
        .startsWith("VERDICT  regression  orders\\e[2J-api 42 by mallory\\u202e: errors");
  }
}
