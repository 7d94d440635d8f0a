package io.tocsin.config;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How tocsin reaches Kafka and lays out its topics and Streams state ({@code kafka:} in the
 * config).
 *
 * @param bootstrapServers {@code host:port,…} of the cluster (MSK or self-managed); default empty,
 *     which only {@code tocsin local} accepts: it starts the in-process broker
 * @param properties extra client properties passed to every producer, consumer, admin and Streams
 *     client, e.g. {@code security.protocol: SASL_SSL}, {@code sasl.mechanism: AWS_MSK_IAM};
 *     default none
 * @param partitions partitions for the topics tocsin creates; default 3
 * @param replicationFactor replication for the topics tocsin creates; default -1 (broker default)
 * @param applicationId Kafka Streams application id and consumer-group prefix; default {@code
 *     tocsin}
 * @param stateDir where Streams keeps its local state stores (RocksDB, rebuilt from changelog
 *     topics when lost); default {@code tocsin-state} in the working directory
 * @param commitInterval Streams commit interval, which bounds alert latency under exactly_once_v2;
 *     default 100ms
 * @param instanceId this instance's stable name in the consumer groups (static membership: a
 *     restart rejoins at once, without a rebalance or the 45 s session-timeout wait); unique per
 *     instance; default the host name (a StatefulSet pod name is stable)
 * @param startupWait how long {@code tocsin run} waits at start for the cluster to answer, saying
 *     so every 5 s, before it exits 2 naming the servers; from 1s to 1h; default 1m
 * @param detectionThreads Kafka Streams threads of the detection application, which does nearly all
 *     of the processing: each works on its own tasks (partitions), so up to one per core pays; from
 *     1 to 64; default 0, meaning one per processor the JVM sees (its container's CPU limit)
 */
public record KafkaSettings(
    String bootstrapServers,
    Map<String, String> properties,
    int partitions,
    int replicationFactor,
    String applicationId,
    String stateDir,
    Duration commitInterval,
    String instanceId,
    Duration startupWait,
    int detectionThreads) {

  /** Client properties tocsin sets itself; setting them under {@code properties} is an error. */
  private static final Set<String> OWNED =
      Set.of(
          "bootstrap.servers",
          "application.id",
          "processing.guarantee",
          "state.dir",
          "group.instance.id");

  /** The default of {@code startup_wait}. */
  public static final Duration DEFAULT_STARTUP_WAIT = Duration.ofSeconds(60);

  /** The defaults, as documented on each field. */
  public static KafkaSettings defaults() {
    return new KafkaSettings(
        "", Map.of(), 3, -1, "tocsin", "tocsin-state", Duration.ofMillis(100), hostName());
  }

  /** The most {@code detection_threads} accepts. */
  static final int MAX_DETECTION_THREADS = 64;

  /**
   * Settings with the default {@code startup_wait} and {@code detection_threads}, as most callers
   * (tests, bench) want.
   */
  public KafkaSettings(
      String bootstrapServers,
      Map<String, String> properties,
      int partitions,
      int replicationFactor,
      String applicationId,
      String stateDir,
      Duration commitInterval,
      String instanceId) {
    this(
        bootstrapServers,
        properties,
        partitions,
        replicationFactor,
        applicationId,
        stateDir,
        commitInterval,
        instanceId,
        DEFAULT_STARTUP_WAIT,
        0);
  }

  /** Validates every field; the first problem is thrown as a {@link ConfigException}. */
  public KafkaSettings {
    bootstrapServers = bootstrapServers == null ? "" : bootstrapServers.trim();
    properties = properties == null ? Map.of() : Map.copyOf(properties);
    if (!bootstrapServers.isEmpty()
        && !bootstrapServers.matches("[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*")) {
      throw new ConfigException(
          "bootstrap_servers", "expected host:port[,host:port…], got '" + bootstrapServers + "'");
    }
    for (String key : properties.keySet()) {
      if (OWNED.contains(key)) {
        throw new ConfigException(
            "properties." + key, "is set by tocsin itself; use the matching kafka.* key instead");
      }
    }
    if (partitions < 1 || partitions > 10_000) {
      throw new ConfigException(
          "partitions", "expected a whole number from 1 to 10000, got " + partitions);
    }
    if (replicationFactor != -1 && (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE)) {
      throw new ConfigException(
          "replication_factor",
          "expected -1 (broker default) or a whole number from 1, got " + replicationFactor);
    }
    if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]+")) {
      throw new ConfigException(
          "application_id",
          "expected letters, digits, '.', '_' or '-', got '" + applicationId + "'");
    }
    if (instanceId == null || !instanceId.matches("[A-Za-z0-9._-]+")) {
      throw new ConfigException(
          "instance_id", "expected letters, digits, '.', '_' or '-', got '" + instanceId + "'");
    }
    if (stateDir == null || stateDir.isBlank()) {
      throw new ConfigException("state_dir", "expected a directory path, got nothing");
    }
    if (commitInterval == null
        || commitInterval.toMillis() < 10
        || commitInterval.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new ConfigException(
          "commit_interval", "expected a duration from 10ms to 1m, got " + commitInterval);
    }
    if (startupWait == null
        || startupWait.compareTo(Duration.ofSeconds(1)) < 0
        || startupWait.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigException(
          "startup_wait", "expected a duration from 1s to 1h, got " + startupWait);
    }
    if (detectionThreads < 0 || detectionThreads > MAX_DETECTION_THREADS) {
      throw new ConfigException(
          "detection_threads",
          "expected 0 (one per processor) or a whole number from 1 to "
              + MAX_DETECTION_THREADS
              + ", got "
              + detectionThreads);
    }
  }

  /**
   * The detection application's stream threads: {@code detection_threads}, or one per processor the
   * JVM sees (at most {@value #MAX_DETECTION_THREADS}) when it is 0.
   */
  public int detectionThreadsOrDefault() {
    return detectionThreads > 0
        ? detectionThreads
        : Math.min(Runtime.getRuntime().availableProcessors(), MAX_DETECTION_THREADS);
  }

  private static String hostName() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "tocsin";
      }
    }
    return host.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  /** Whether a cluster is configured (otherwise only local mode can run). */
  public boolean hasCluster() {
    return !bootstrapServers.isEmpty();
  }

  /** These settings pointed at {@code servers}, keeping state under {@code dir}. */
  public KafkaSettings withCluster(String servers, String dir) {
    return new KafkaSettings(
        servers,
        properties,
        partitions,
        replicationFactor,
        applicationId,
        dir,
        commitInterval,
        instanceId,
        startupWait,
        detectionThreads);
  }

  /** These settings with {@code id} as the instance id. */
  public KafkaSettings withInstanceId(String id) {
    return new KafkaSettings(
        bootstrapServers,
        properties,
        partitions,
        replicationFactor,
        applicationId,
        stateDir,
        commitInterval,
        id,
        startupWait,
        detectionThreads);
  }
}
