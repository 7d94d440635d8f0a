package io.tocsin.ingest.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.config.KinesisSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.coordinator.WorkerStateChangeListener;
import software.amazon.kinesis.coordinator.WorkerStateChangeListener.WorkerState;

/**
 * A KCL worker that gives up ("Unable to initialize after 20 attempts") is replaced by a new one,
 * and the health it reports follows: down since the failure, up once a worker started.
 */
class KclSupervisorTest {

  private final KinesisSettings settings =
      new KinesisSettings(
          List.of("orders"),
          "us-east-1",
          "http://127.0.0.1:1",
          "http://127.0.0.1:1",
          "polling",
          "supervisor-test",
          "",
          "latest",
          "worker-1",
          false,
          100,
          Duration.ofSeconds(1),
          Duration.ofSeconds(10),
          Duration.ofSeconds(60),
          Duration.ofSeconds(1),
          Duration.ofMinutes(2),
          Duration.ofMinutes(5));

  @Test
  void shouldStartANewWorkerWhenOneGivesUpAndReportTheDowntimeMeanwhile() throws Exception {
    AtomicInteger built = new AtomicInteger();
    CountDownLatch stop = new CountDownLatch(1);
    try (AwsClients aws = AwsClients.create(settings)) {
      KclSupervisor supervisor =
          new KclSupervisor(
              states -> worker(aws, states, built.incrementAndGet(), stop),
              () -> 0,
              Clock.systemUTC(),
              "supervisor-test");
      supervisor.start();

      await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.downSince().isPresent());
      assertThat(supervisor.downReason())
          .hasValueSatisfying(r -> assertThat(r).contains("lease table unreachable"));
      assertThat(supervisor.started()).isFalse();

      await().atMost(Duration.ofSeconds(20)).until(supervisor::started);
      assertThat(built).as("a second worker was built").hasValue(2);
      assertThat(supervisor.downSince()).as("up again").isEmpty();

      supervisor.stopRestarting();
      stop.countDown();
      supervisor.join(Duration.ofSeconds(5));
    }
  }

  /**
   * A real scheduler's configuration with a scripted run: the first gives up at once as after its
   * last initialization attempt, later ones start and run until {@code stop}.
   */
  private Scheduler worker(
      AwsClients aws, WorkerStateChangeListener states, int number, CountDownLatch stop) {
    Scheduler configured = KclScheduler.build(settings, aws, () -> null, states);
    return new Scheduler(
        configured.checkpointConfig(),
        configured.coordinatorConfig(),
        configured.leaseManagementConfig(),
        configured.lifecycleConfig(),
        configured.metricsConfig(),
        configured.processorConfig(),
        configured.retrievalConfig()) {
      @Override
      public void run() {
        if (number == 1) {
          states.onAllInitializationAttemptsFailed(
              new IllegalStateException("lease table unreachable"));
          return;
        }
        states.onWorkerStateChange(WorkerState.STARTED);
        try {
          stop.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }
}
