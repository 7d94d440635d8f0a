package io.tocsin.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.ingest.kinesis.ShardStall;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.testing.AlertContract;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stalled shard's alert keeps the alert schema; its recovery resolves the same incident. */
class IngestStallAlertsTest {

  private static final ShardStall STALL =
      new ShardStall(
          "orders-logs",
          "shardId-000000000003",
          Instant.parse("2026-12-06T18:00:00Z"),
          "Kafka did not acknowledge 12 records: TimeoutException");

  @Test
  void shouldRaiseAndResolveOneIncidentPerShardInTheAlertSchema() {
    Instant later = Instant.parse("2026-12-06T18:04:00Z");
    Alert firing = IngestStallAlerts.alert(STALL, AlertStatus.FIRING, STALL.since());
    Alert resolved = IngestStallAlerts.alert(STALL, AlertStatus.RESOLVED, later);

    AlertContract.assertValid(List.of(firing, resolved));
    assertThat(firing.rule().id()).isEqualTo("ingest-stall");
    assertThat(firing.title())
        .isEqualTo("Kinesis shard orders-logs/shardId-000000000003 cannot publish to Kafka");
    assertThat(firing.summary()).contains("since 2026-12-06T18:00:00Z", "TimeoutException");
    assertThat(firing.labels())
        .containsEntry("source", "tocsin")
        .containsEntry("shard", "shardId-000000000003");
    assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint());
    assertThat(resolved.id()).isNotEqualTo(firing.id());
    assertThat(resolved.endsAt()).isEqualTo(later);
  }
}
