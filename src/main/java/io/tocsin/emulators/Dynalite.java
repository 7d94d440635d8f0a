package io.tocsin.emulators;

import java.net.URI;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The npm {@code dynalite} DynamoDB emulator (in memory) as a child process on a free loopback
 * port: the KCL keeps its leases, worker metrics and coordinator state there in local mode.
 */
public final class Dynalite implements AutoCloseable {

  /** The npm package, pinned in {@code package.json}. */
  public static final String PACKAGE = "dynalite";

  private final ChildProcess process;
  private final DynamoDbClient client;

  private Dynalite(ChildProcess process) {
    this.process = process;
    this.client =
        DynamoDbClient.builder()
            .endpointOverride(endpoint())
            .region(KinesisLocal.REGION)
            .credentialsProvider(KinesisLocal.credentials())
            .build();
  }

  /** Installs the emulator into {@code project} if missing and starts it. */
  public static Dynalite start(NpmProject project) {
    project.ensureInstalled(PACKAGE);
    String cli = project.packageDir(PACKAGE).resolve("cli.js").toString();
    return new Dynalite(
        ChildProcess.start(
            PACKAGE,
            1,
            ports ->
                new ChildProcess.Launch(
                    NodeLaunch.command(
                        cli,
                        "--host",
                        "127.0.0.1",
                        "--port",
                        ports.get(0).toString(),
                        // tables change state at once instead of after half a second
                        "--createTableMs",
                        "0",
                        "--deleteTableMs",
                        "0",
                        "--updateTableMs",
                        "0"),
                    project.dir(),
                    Map.of())));
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + process.ports().get(0));
  }

  /** A DynamoDB client for the emulator. */
  public DynamoDbClient client() {
    return client;
  }

  /** Stops the emulator by PID and waits until its port is free. */
  @Override
  public void close() {
    client.close();
    process.close();
  }

  /** Calls {@code listener} once, naming the process, if it exits before {@link #close()}. */
  void onUnexpectedExit(Consumer<String> listener) {
    process.onUnexpectedExit(listener);
  }
}
