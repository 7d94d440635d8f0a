package io.tocsin.notify.sns;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.model.Alert;
import io.tocsin.model.DeployContext;
import io.tocsin.notify.AlertBuilder;
import io.tocsin.notify.Notification;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An alert on a freshly deployed resource says so in the SNS text. */
class DeployNoticeTest {

  @Test
  void shouldNameTheDeployThatPrecededTheAlert() {
    Alert plain = AlertBuilder.alert().title("orders-api failure rate above 5 %").build();
    DeployContext deploy =
        new DeployContext(
            "lambda:123456789012:eu-west-1:orders-api:42",
            "orders-api",
            "42",
            "alice",
            Instant.parse("2026-11-26T10:00:00Z"),
            90);
    Alert alert =
        new Alert(
            plain.schemaVersion(),
            plain.id(),
            plain.fingerprint(),
            plain.status(),
            plain.rule(),
            plain.title(),
            plain.summary(),
            plain.startsAt(),
            plain.updatedAt(),
            plain.endsAt(),
            plain.count(),
            plain.evaluation(),
            plain.resource(),
            plain.samples(),
            plain.links(),
            plain.labels(),
            deploy.into(plain.context()));

    assertThat(EmailText.of(Notification.of("ops", alert)))
        .contains("Deploy:   started 90 s after deploy 42 of orders-api by alice");
    assertThat(EmailText.of(Notification.of("ops", plain))).doesNotContain("Deploy:");
  }
}
