package io.tocsin.emulators;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The npm {@code kinesis-local} Kinesis emulator as a child process on free loopback ports (plain
 * http and https with a self-signed certificate; it would bind every interface, so {@link
 * NodeLaunch} keeps it on 127.0.0.1), with helpers to create streams. Streams live in memory: a new
 * emulator starts empty.
 */
public final class KinesisLocal implements AutoCloseable {

  /** The npm package, pinned in {@code package.json}. */
  public static final String PACKAGE = "kinesis-local";

  /** The region the emulator serves. */
  public static final Region REGION = Region.US_EAST_1;

  private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);

  private final ChildProcess process;
  private final KinesisClient client;

  private KinesisLocal(ChildProcess process) {
    this.process = process;
    this.client =
        KinesisClient.builder()
            .endpointOverride(endpoint())
            .region(REGION)
            .credentialsProvider(credentials())
            .build();
  }

  /** Installs the emulator into {@code project} if missing and starts it. */
  public static KinesisLocal start(NpmProject project) {
    project.ensureInstalled(PACKAGE);
    return new KinesisLocal(
        ChildProcess.start(
            PACKAGE,
            2,
            ports ->
                new ChildProcess.Launch(
                    NodeLaunch.command("main.js"),
                    // it reads its certificate (server.json) from the working directory
                    project.packageDir(PACKAGE),
                    Map.of(
                        "KINESIS_MOCK_PLAIN_PORT", ports.get(0).toString(),
                        "KINESIS_MOCK_TLS_PORT", ports.get(1).toString(),
                        "CREATE_STREAM_DURATION", "100ms",
                        "DELETE_STREAM_DURATION", "100ms",
                        "LOG_LEVEL", "WARN"))));
  }

  /** The plain http endpoint, {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + process.ports().get(0));
  }

  /** The https endpoint; its certificate is self-signed. */
  public URI tlsEndpoint() {
    return URI.create("https://127.0.0.1:" + process.ports().get(1));
  }

  /** A Kinesis client for the emulator, e.g. to put records. */
  public KinesisClient client() {
    return client;
  }

  /**
   * Creates {@code stream} with {@code shards} shards (unless it exists) and waits until ACTIVE.
   */
  public void createStream(String stream, int shards) {
    try {
      client.createStream(b -> b.streamName(stream).shardCount(shards));
    } catch (ResourceInUseException exists) {
      // created before: just wait for it
    }
    Waits.until(
        "stream " + stream + " becoming ACTIVE",
        ACTIVE_TIMEOUT,
        () ->
            client
                    .describeStreamSummary(b -> b.streamName(stream))
                    .streamDescriptionSummary()
                    .streamStatus()
                == StreamStatus.ACTIVE);
  }

  /** Stops the emulator by PID and waits until its ports are free. */
  @Override
  public void close() {
    client.close();
    process.close();
  }

  /** Credentials the emulators accept: static, and not 12 digits (read as an account id). */
  static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create("tocsinlocal", "tocsinlocal"));
  }

  /** Calls {@code listener} once, naming the process, if it exits before {@link #close()}. */
  void onUnexpectedExit(Consumer<String> listener) {
    process.onUnexpectedExit(listener);
  }
}
