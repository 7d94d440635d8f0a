package io.tocsin.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker and controller running inside this JVM on 127.0.0.1: the default
 * for {@code tocsin local} and the fixture of every integration test. Not for production: there
 * tocsin connects to an existing cluster.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;

  private final Path dataDir;
  private final int brokerPort;
  private final int controllerPort;
  private final KafkaRaftServer server;
  private final long startMillis;
  private boolean running;

  private EmbeddedKafkaBroker(
      Path dataDir, int brokerPort, int controllerPort, KafkaRaftServer server, long millis) {
    this.dataDir = dataDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.server = server;
    this.startMillis = millis;
    this.running = true;
  }

  /**
   * Formats {@code dataDir} if it is new (an existing one is reused with its topics and offsets),
   * then starts the broker on free loopback ports. Returns once the broker accepts clients.
   */
  public static EmbeddedKafkaBroker start(Path dataDir) {
    return start(dataDir, freePort(), freePort());
  }

  /**
   * Like {@link #start(Path)} but on the given loopback ports, e.g. {@link #brokerPort()} and
   * {@link #controllerPort()} of a broker stopped on the same {@code dataDir}: clients that were
   * connected to it reconnect to the restarted broker by themselves.
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int brokerPort, int controllerPort) {
    return start(dataDir, brokerPort, controllerPort, Map.of());
  }

  /**
   * Like {@link #start(Path, int, int)} with {@code extra} broker properties added to or replacing
   * the defaults, e.g. a SASL listener and an authorizer for tests of refused clients.
   */
  public static EmbeddedKafkaBroker start(
      Path dataDir, int brokerPort, int controllerPort, Map<String, String> extra) {
    long t0 = System.nanoTime();
    guardAgainstSilentHalt();
    Path logDir = dataDir.resolve("kraft");
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Kafka data directory " + logDir, e);
    }
    Map<String, Object> properties = properties(logDir, brokerPort, controllerPort);
    properties.putAll(extra);
    KafkaConfig config = new KafkaConfig(properties, false);
    format(logDir);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    long millis = (System.nanoTime() - t0) / 1_000_000;
    LOG.info(
        "embedded Kafka broker ready on 127.0.0.1:{} in {} ms (data: {})",
        brokerPort,
        millis,
        dataDir);
    return new EmbeddedKafkaBroker(dataDir, brokerPort, controllerPort, server, millis);
  }

  /** {@code 127.0.0.1:port} for clients. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** The port clients connect to. */
  public int brokerPort() {
    return brokerPort;
  }

  /** The port of the KRaft controller listener. */
  public int controllerPort() {
    return controllerPort;
  }

  /** How long {@link #start} took, in milliseconds. */
  public long startMillis() {
    return startMillis;
  }

  /** The data directory given to {@link #start}. */
  public Path dataDir() {
    return dataDir;
  }

  /** Stops the broker and waits until it has shut down. Close Kafka clients first. */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    long t0 = System.nanoTime();
    server.shutdown();
    server.awaitShutdown();
    LOG.info("embedded Kafka broker stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }

  private static Map<String, Object> properties(Path logDir, int brokerPort, int controllerPort) {
    Map<String, Object> p = new HashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("metadata.log.dir", logDir.toString());
    // One node: every internal topic must accept a replication factor and min ISR of 1, else
    // exactly_once_v2 never gets a transaction coordinator.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // tocsin creates its own topics with the configured settings; a typo must not create one.
    p.put("auto.create.topics.enable", "false");
    p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    return p;
  }

  private static void format(Path logDir) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return; // formatted by an earlier start: reuse its cluster id, topics and offsets
    }
    Formatter formatter =
        new Formatter()
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
            .setNodeId(NODE_ID)
            .setClusterId(Uuid.randomUuid().toString())
            .setDirectories(List.of(logDir.toString()))
            .setMetadataLogDirectory(logDir.toString())
            .setControllerListenerName("CONTROLLER")
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
            .setUnstableFeatureVersionsEnabled(false)
            .setIgnoreFormatted(true);
    try {
      formatter.run();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot format Kafka data directory " + logDir + ": " + e.getMessage(), e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /**
   * Kafka's server halts the JVM on fatal errors. Say why, loudly, before the process goes, so an
   * operator never sees tocsin vanish without a line in the log.
   */
  private static void guardAgainstSilentHalt() {
    Exit.setHaltProcedure(
        (status, message) -> {
          LOG.error("embedded Kafka broker halted the JVM (status {}): {}", status, message);
          Runtime.getRuntime().halt(status);
        });
  }
}
