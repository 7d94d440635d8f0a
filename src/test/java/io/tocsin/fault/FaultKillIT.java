package io.tocsin.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.app.bench.TocsinProcess;
import io.tocsin.config.KafkaSettings;
import io.tocsin.config.KinesisSettings;
import io.tocsin.config.LoggingSettings;
import io.tocsin.config.NotifySettings;
import io.tocsin.config.RulesSettings;
import io.tocsin.config.TocsinConfig;
import io.tocsin.ingest.kinesis.IngestTestBed;
import io.tocsin.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tocsin run} (the shaded jar in a child JVM, reading Kinesis with the KCL) is killed with
 * SIGKILL while records stream in, then started again on the same state: every record arrives, and
 * no incident fires twice although ingest reads the unacknowledged batch again.
 */
class FaultKillIT {

  private static final Path JAR = Path.of("target", "tocsin.jar");
  private static final int RECORDS = 600;
  private static final Duration WAIT = Duration.ofSeconds(180);

  @TempDir static Path dir;

  @RegisterExtension static final IngestTestBed bed = new IngestTestBed();

  @Test
  void shouldLoseNothingAndFireEachIncidentOnceWhenKilledAndRestartedDuringIngest()
      throws Exception {
    assertThat(JAR).as("failsafe runs after package, which builds the jar").exists();
    String stream = IngestTestBed.uniqueName("kill");
    KinesisSettings kinesis = bed.worker(stream, 2, "fault-worker", 20, Duration.ofSeconds(10));
    bed.prepare(kinesis);
    FaultTraffic traffic = new FaultTraffic("kill", 60);
    List<byte[]> records = traffic.records(0, RECORDS);
    TocsinConfig config =
        new TocsinConfig(
            new KafkaSettings(
                bed.broker().bootstrapServers(),
                Map.of(),
                2,
                1,
                "fault-kill",
                dir.resolve("state").toString(),
                Duration.ofMillis(100),
                "fault-kill"),
            kinesis,
            RulesSettings.defaults(),
            List.of(),
            NotifySettings.defaults(),
            TocsinProcess.loopbackApi(),
            LoggingSettings.defaults());
    Thread putting = FaultTraffic.trickle(bed, stream, records);

    TocsinProcess first = start(config, "first");
    try {
      putting.start();
      bed.awaitRecords(Topics.LOGS, traffic::ours, 100, WAIT);
      bed.awaitRecords(Topics.ALERTS, traffic::ours, 1, WAIT);
    } finally {
      first.kill();
    }
    long beforeKill = bed.read(Topics.LOGS, traffic::ours).size();
    int alertsBeforeKill = bed.read(Topics.ALERTS, traffic::ours).size();
    try (TocsinProcess second = start(config, "second")) {
      putting.join(WAIT.toMillis());
      FaultFigures figures =
          traffic.settle(
              bed,
              "tocsin run killed (SIGKILL) after "
                  + beforeKill
                  + " events and "
                  + alertsBeforeKill
                  + " alerts, and restarted",
              RECORDS,
              stream,
              "fault-kill-detect",
              WAIT);
      figures.print();

      assertThat(beforeKill).as("killed in the middle of ingest").isLessThan(figures.eventsSent());
      assertThat(figures.eventsIn()).isEqualTo(figures.eventsSent());
      assertThat(figures.alerts().missing()).isZero();
      assertThat(figures.alerts().duplicates()).isZero();
      assertThat(figures.deadLetters()).isZero();
      assertThat(second.alive()).isTrue();
    }
  }

  private static TocsinProcess start(TocsinConfig config, String name) {
    return TocsinProcess.start(
        JAR.toString(), List.of("-Xmx512m"), config, Map.of(), dir.resolve(name));
  }
}
