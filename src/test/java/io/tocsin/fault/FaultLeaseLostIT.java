package io.tocsin.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.config.KinesisSettings;
import io.tocsin.detect.DetectionTopology;
import io.tocsin.emulators.KclLeaseTable;
import io.tocsin.ingest.kinesis.IngestTestBed;
import io.tocsin.ingest.kinesis.KinesisSource;
import io.tocsin.kafka.StreamsService;
import io.tocsin.rules.RuleLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Two KCL workers on one stream while records stream in and detection runs: the second worker takes
 * leases from the first, then stops without a graceful handoff, and the first takes them back once
 * they expire. Every record arrives, and no incident fires twice.
 */
class FaultLeaseLostIT {

  private static final int RECORDS = 600;
  private static final int SHARDS = 4;
  private static final Duration WAIT = Duration.ofSeconds(120);

  @RegisterExtension static final IngestTestBed bed = new IngestTestBed();

  @Test
  void shouldLoseNothingAndFireEachIncidentOnceWhenLeasesMoveToASecondWorkerAndBack()
      throws Exception {
    String stream = IngestTestBed.uniqueName("lease");
    KinesisSettings a = bed.worker(stream, SHARDS, "worker-a", 20, Duration.ofSeconds(10));
    KinesisSettings b = IngestTestBed.with(a, "worker-b", 20, Duration.ZERO);
    KclLeaseTable leases = bed.prepare(a);
    FaultTraffic traffic = new FaultTraffic("lease", 40);
    List<byte[]> records = traffic.records(0, RECORDS);
    Thread putting = FaultTraffic.trickle(bed, stream, records);

    try (StreamsService detection =
            new StreamsService(
                "detect",
                DetectionTopology.build(RuleLoader.load(List.of())),
                bed.kafka().streams("detect"));
        KinesisSource first = bed.start(a)) {
      detection.start();
      await().atMost(WAIT).until(() -> owners(leases).equals(List.of("worker-a")));
      putting.start();
      List<String> shared;
      try (KinesisSource second = bed.start(b)) {
        await().atMost(WAIT).until(() -> owners(leases).contains("worker-b"));
        shared = leaseOwners(leases);
      }
      await().atMost(WAIT).until(() -> owners(leases).equals(List.of("worker-a")));
      putting.join(WAIT.toMillis());
      FaultFigures figures =
          traffic.settle(
              bed,
              "KCL leases lost to a second worker " + shared + " and taken back",
              RECORDS,
              stream,
              "it-detect",
              WAIT);
      figures.print();

      assertThat(first.running()).isTrue();
      assertThat(figures.eventsIn()).isEqualTo(figures.eventsSent());
      assertThat(figures.alerts().missing()).isZero();
      assertThat(figures.alerts().duplicates()).isZero();
      assertThat(figures.deadLetters()).isZero();
    }
  }

  /** The distinct owners of the stream's leases, sorted; "none" for an unowned lease. */
  private static List<String> owners(KclLeaseTable leases) {
    return leaseOwners(leases).stream().map(o -> o.split("=")[1]).distinct().sorted().toList();
  }

  /** {@code shard=owner} per lease. */
  private static List<String> leaseOwners(KclLeaseTable leases) {
    List<String> owners = new ArrayList<>();
    for (Map<String, AttributeValue> lease : leases.leases()) {
      AttributeValue owner = lease.get("leaseOwner");
      owners.add(lease.get("leaseKey").s() + "=" + (owner == null ? "none" : owner.s()));
    }
    return owners;
  }
}
