package io.tocsin.emulators;

import io.tocsin.config.KinesisSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Kinesis and the DynamoDB lease store on this machine, for {@code tocsin local} and the
 * integration tests: starts {@link KinesisLocal} and {@link Dynalite} side by side, builds matching
 * {@link KinesisSettings} and prepares the lease table so the KCL starts in about two seconds
 * instead of thirty.
 */
public final class LocalKinesis implements AutoCloseable {

  private final KinesisLocal kinesis;
  private final Dynalite dynamo;

  private LocalKinesis(KinesisLocal kinesis, Dynalite dynamo) {
    this.kinesis = kinesis;
    this.dynamo = dynamo;
  }

  /** Starts both emulators from the project found above the working directory. */
  public static LocalKinesis start() {
    return start(NpmProject.locate());
  }

  /** Starts both emulators, installed into {@code project} when missing. */
  public static LocalKinesis start(NpmProject project) {
    project.ensureInstalled(KinesisLocal.PACKAGE, Dynalite.PACKAGE);
    CompletableFuture<KinesisLocal> kinesis =
        CompletableFuture.supplyAsync(() -> KinesisLocal.start(project));
    try {
      Dynalite dynamo = Dynalite.start(project);
      try {
        return new LocalKinesis(kinesis.join(), dynamo);
      } catch (CompletionException e) {
        dynamo.close();
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    } catch (RuntimeException e) {
      kinesis.thenAccept(KinesisLocal::close);
      throw e;
    }
  }

  /** The Kinesis emulator. */
  public KinesisLocal kinesis() {
    return kinesis;
  }

  /** The DynamoDB emulator. */
  public Dynalite dynamo() {
    return dynamo;
  }

  /**
   * Settings for reading {@code streams} from these emulators: from TRIM_HORIZON, polling every 200
   * ms, 1 s failover and shard sync (so a second worker or a restart takes over quickly), a 10 s
   * shutdown timeout, KCL metrics off.
   */
  public KinesisSettings settings(String applicationName, String workerId, List<String> streams) {
    return new KinesisSettings(
        streams,
        KinesisLocal.REGION.id(),
        kinesis.endpoint().toString(),
        dynamo.endpoint().toString(),
        "polling",
        applicationName,
        "",
        "trim_horizon",
        workerId,
        false,
        10_000,
        Duration.ofMillis(200),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        KinesisSettings.defaults().stallAfter(),
        KinesisSettings.defaults().deadAfter());
  }

  /**
   * Creates the lease table of {@code settings} with the index dynalite cannot add later, and seeds
   * a lease per shard of its streams (which must exist). Safe to repeat.
   */
  public KclLeaseTable prepare(KinesisSettings settings) {
    KclLeaseTable table = new KclLeaseTable(dynamo.client(), settings.leaseTableName());
    table.create();
    table.seed(kinesis.client(), settings.streams());
    return table;
  }

  /**
   * Calls {@code listener} once per emulator that exits before {@link #close()}, with a line naming
   * it, its pid and its exit status.
   */
  public void onUnexpectedExit(Consumer<String> listener) {
    kinesis.onUnexpectedExit(listener);
    dynamo.onUnexpectedExit(listener);
  }

  /** Stops both emulators by PID. */
  @Override
  public void close() {
    try {
      kinesis.close();
    } finally {
      dynamo.close();
    }
  }
}
