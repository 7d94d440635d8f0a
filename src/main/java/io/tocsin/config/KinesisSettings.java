package io.tocsin.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which Kinesis streams {@code tocsin run} reads and how its KCL consumer behaves ({@code kinesis:}
 * in the config).
 *
 * @param streams stream names or ARNs ({@code arn:aws:kinesis:REGION:ACCOUNT:stream/NAME}); default
 *     none, which turns the Kinesis source off. Several streams share one lease table (KCL
 *     multi-stream mode); one stream is read in single-stream mode
 * @param region AWS region of the streams; default empty: the region of the ARNs, else the AWS
 *     default region chain ({@code AWS_REGION}, profile, instance metadata)
 * @param kinesisEndpoint endpoint override for Kinesis, e.g. a VPC endpoint or a local emulator
 *     {@code http://127.0.0.1:4568}; default empty (the AWS endpoint of the region)
 * @param dynamodbEndpoint endpoint override for DynamoDB (the lease table); default empty. When
 *     both endpoints are on loopback tocsin is in local mode: fake static credentials and, for
 *     https, any certificate is trusted. Otherwise the AWS default credential chain is used
 * @param retrievalMode {@code polling} (GetRecords, shares the shard's 2 MB/s with other readers)
 *     or {@code fanout} (enhanced fan-out: a dedicated 2 MB/s per shard, lower latency, billed per
 *     consumer-shard hour); default {@code polling}
 * @param applicationName KCL application name: names the lease table, the worker-metrics and
 *     coordinator-state tables, and the fan-out consumer; default {@code tocsin-ingest}
 * @param leaseTable DynamoDB lease table name; default empty, meaning {@code application_name}
 * @param initialPosition where a shard without a checkpoint starts: {@code latest}, {@code
 *     trim_horizon} or an ISO-8601 instant; default {@code latest} (a first start does not page
 *     anyone about a day of old events). Child shards after resharding always start at their
 *     beginning
 * @param workerId this worker's id in the lease table; keep it stable across restarts (a new id
 *     waits two minutes for a dead leader's lock); default the host name
 * @param publishMetrics whether the KCL publishes its own metrics to CloudWatch; default false
 *     (tocsin's Micrometer metrics cover ingestion)
 * @param maxRecords most records per GetRecords call in polling mode, 1 to 10000; default 10000.
 *     This is also the most a crash can make tocsin read twice per shard
 * @param pollInterval pause between GetRecords calls of a shard in polling mode; default 1s
 * @param failoverTime how long a lease may go unrenewed before another worker takes it; default
 *     10s. Lease assignment runs every half of it and worker metrics are reported as often
 * @param shardSyncInterval how often the leader lists shards to find resharding; default 1m
 * @param shutdownTimeout how long a graceful stop waits for in-flight batches to be acknowledged by
 *     Kafka and checkpointed; past it, unacknowledged batches are left to be read again; default
 *     30s
 * @param stallAfter how long a shard may wait for Kafka to take a chunk of records before it counts
 *     as stalled: {@code /health/ready} turns false, {@code tocsin.ingest.shard.stalled} shows 1
 *     and a {@code ingest-stall} alert fires (resolved when the shard publishes again); default 2m
 * @param deadAfter how long the KCL worker may be down (failed to start or stopped, restarted with
 *     backoff meanwhile) before {@code /health/live} fails so the orchestrator restarts the
 *     process; default 5m
 */
public record KinesisSettings(
    List<String> streams,
    String region,
    String kinesisEndpoint,
    String dynamodbEndpoint,
    String retrievalMode,
    String applicationName,
    String leaseTable,
    String initialPosition,
    String workerId,
    boolean publishMetrics,
    int maxRecords,
    Duration pollInterval,
    Duration failoverTime,
    Duration shardSyncInterval,
    Duration shutdownTimeout,
    Duration stallAfter,
    Duration deadAfter) {

  private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
  private static final Pattern STREAM_ARN =
      Pattern.compile("arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\\d{12}:stream/[a-zA-Z0-9_.-]{1,128}");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
  private static final Set<String> MODES = Set.of("polling", "fanout");

  /** The defaults, as documented on each field: no streams, so the source is off. */
  public static KinesisSettings defaults() {
    return new KinesisSettings(
        List.of(),
        "",
        "",
        "",
        "polling",
        "tocsin-ingest",
        "",
        "latest",
        "",
        false,
        10_000,
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        Duration.ofMinutes(5));
  }

  /** Validates every field; the first problem is thrown as a {@link ConfigException}. */
  public KinesisSettings {
    streams = streams == null ? List.of() : List.copyOf(streams);
    region = region == null ? "" : region.trim();
    kinesisEndpoint = kinesisEndpoint == null ? "" : kinesisEndpoint.trim();
    dynamodbEndpoint = dynamodbEndpoint == null ? "" : dynamodbEndpoint.trim();
    leaseTable = leaseTable == null ? "" : leaseTable.trim();
    workerId = workerId == null || workerId.isBlank() ? hostName() : workerId.trim();
    for (int i = 0; i < streams.size(); i++) {
      String s = streams.get(i);
      if (s == null || !(STREAM_NAME.matcher(s).matches() || STREAM_ARN.matcher(s).matches())) {
        throw new ConfigException(
            "streams." + i,
            "expected a stream name or arn:aws:kinesis:REGION:ACCOUNT:stream/NAME, got '"
                + s
                + "'");
      }
    }
    if (streams.stream().distinct().count() != streams.size()) {
      throw new ConfigException("streams", "expected each stream once, got " + streams);
    }
    if (!region.isEmpty() && !region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
      throw new ConfigException(
          "region", "expected an AWS region such as us-east-1, got '" + region + "'");
    }
    for (String s : streams) {
      String arnRegion = s.startsWith("arn:") ? s.split(":")[3] : null;
      if (arnRegion != null && !region.isEmpty() && !arnRegion.equals(region)) {
        throw new ConfigException(
            "streams", "expected every stream in region " + region + ", got '" + s + "'");
      }
      if (arnRegion != null && region.isEmpty()) {
        region = arnRegion;
      }
    }
    checkEndpoint("kinesis_endpoint", kinesisEndpoint);
    checkEndpoint("dynamodb_endpoint", dynamodbEndpoint);
    if (isLoopback(kinesisEndpoint) != isLoopback(dynamodbEndpoint)) {
      throw new ConfigException(
          "dynamodb_endpoint",
          "expected kinesis_endpoint and dynamodb_endpoint both on loopback (local mode) or neither,"
              + " got '"
              + kinesisEndpoint
              + "' and '"
              + dynamodbEndpoint
              + "'");
    }
    if (retrievalMode == null || !MODES.contains(retrievalMode)) {
      throw new ConfigException(
          "retrieval_mode", "expected polling or fanout, got '" + retrievalMode + "'");
    }
    if (applicationName == null || !NAME.matcher(applicationName).matches()) {
      throw new ConfigException(
          "application_name",
          "expected 3 to 255 letters, digits, '.', '_' or '-', got '" + applicationName + "'");
    }
    if (!leaseTable.isEmpty() && !NAME.matcher(leaseTable).matches()) {
      throw new ConfigException(
          "lease_table",
          "expected a DynamoDB table name (3 to 255 of [a-zA-Z0-9_.-]), got '" + leaseTable + "'");
    }
    checkInitialPosition(initialPosition);
    if (maxRecords < 1 || maxRecords > 10_000) {
      throw new ConfigException(
          "max_records", "expected a whole number from 1 to 10000, got " + maxRecords);
    }
    checkDuration("poll_interval", pollInterval, Duration.ofMillis(200), Duration.ofMinutes(1));
    checkDuration("failover_time", failoverTime, Duration.ofMillis(500), Duration.ofMinutes(10));
    checkDuration(
        "shard_sync_interval", shardSyncInterval, Duration.ofMillis(500), Duration.ofHours(1));
    checkDuration("shutdown_timeout", shutdownTimeout, Duration.ZERO, Duration.ofMinutes(10));
    checkDuration("stall_after", stallAfter, Duration.ofSeconds(1), Duration.ofHours(1));
    checkDuration("dead_after", deadAfter, Duration.ofSeconds(1), Duration.ofHours(1));
  }

  /** Whether any stream is configured (otherwise the Kinesis source stays off). */
  public boolean enabled() {
    return !streams.isEmpty();
  }

  /** Whether both endpoints point at emulators on this machine. */
  public boolean localMode() {
    return isLoopback(kinesisEndpoint) && isLoopback(dynamodbEndpoint);
  }

  /** Whether enhanced fan-out is used instead of polling. */
  public boolean fanOut() {
    return retrievalMode.equals("fanout");
  }

  /** The lease table name: {@code lease_table}, else {@code application_name}. */
  public String leaseTableName() {
    return leaseTable.isEmpty() ? applicationName : leaseTable;
  }

  /** The start instant when {@code initial_position} is a timestamp. */
  public Optional<Instant> initialTimestamp() {
    return initialPosition.equals("latest") || initialPosition.equals("trim_horizon")
        ? Optional.empty()
        : Optional.of(Instant.parse(initialPosition));
  }

  private static void checkEndpoint(String key, String endpoint) {
    if (endpoint.isEmpty()) {
      return;
    }
    try {
      URI uri = new URI(endpoint);
      if ((uri.getScheme() != null && uri.getScheme().matches("https?")) && uri.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below with the expected form
    }
    throw new ConfigException(key, "expected an http(s)://host[:port] URL, got '" + endpoint + "'");
  }

  private static boolean isLoopback(String endpoint) {
    if (endpoint.isEmpty()) {
      return false;
    }
    String host = URI.create(endpoint).getHost();
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  private static void checkInitialPosition(String position) {
    if ("latest".equals(position) || "trim_horizon".equals(position)) {
      return;
    }
    try {
      Instant.parse(String.valueOf(position));
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          "initial_position",
          "expected latest, trim_horizon or an ISO-8601 instant such as 2024-01-01T00:00:00Z, got '"
              + position
              + "'");
    }
  }

  private static void checkDuration(String key, Duration value, Duration min, Duration max) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new ConfigException(
          key,
          "expected a duration from "
              + Durations.format(min)
              + " to "
              + Durations.format(max)
              + ", got "
              + (value == null ? "nothing" : Durations.format(value)));
    }
  }

  private static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "tocsin-worker";
    }
  }
}
