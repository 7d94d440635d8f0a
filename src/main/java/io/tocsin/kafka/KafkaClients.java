package io.tocsin.kafka;

import io.tocsin.config.KafkaSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Builds client properties for every Kafka client tocsin opens, from one {@link KafkaSettings}. */
public final class KafkaClients {

  /** Bytes a Streams consumer fetches per partition and round trip (Kafka's default: 1 MB). */
  static final int MAX_PARTITION_FETCH_BYTES = 8 * 1024 * 1024;

  private final KafkaSettings settings;

  /** Clients for the cluster in {@code settings}; its bootstrap servers must be set. */
  public KafkaClients(KafkaSettings settings) {
    if (!settings.hasCluster()) {
      throw new IllegalArgumentException("kafka.bootstrap_servers is not set");
    }
    this.settings = settings;
  }

  /** The settings these clients were built from. */
  public KafkaSettings settings() {
    return settings;
  }

  /** Admin client properties. */
  public Map<String, Object> admin() {
    return common();
  }

  /**
   * An idempotent producer that waits for all in-sync replicas: a send acknowledged by Kafka is
   * never lost and never duplicated by the producer's own retries.
   */
  public Map<String, Object> producer(String clientId) {
    Map<String, Object> p = common();
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    return p;
  }

  /** A consumer in {@code group} that sees only committed records and commits offsets itself. */
  public Map<String, Object> consumer(String group, String clientId) {
    Map<String, Object> p = common();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return p;
  }

  /**
   * Kafka Streams properties for the application {@code kafka.application_id + "-" + suffix}:
   * exactly_once_v2, the configured commit interval and state directory, and a static group member
   * id from {@code kafka.instance_id}.
   */
  public Properties streams(String suffix) {
    Properties p = new Properties();
    p.putAll(common());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId() + "-" + suffix);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
    p.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.replicationFactor());
    // Only stores built with caching use it (the detectors'); they forward alerts themselves.
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L * 1024 * 1024);
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterOnBadRecord.class.getName());
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // A CloudTrail event is 1-10 KB: at the 1 MB default a partition fetch brings a few hundred,
    // and the thread waits a fetch round trip every few hundred events.
    p.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
        MAX_PARTITION_FETCH_BYTES);
    // Static membership: Streams suffixes the id per thread; a restart rejoins without a rebalance.
    p.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        settings.applicationId() + "-" + suffix + "-" + settings.instanceId());
    return p;
  }

  private Map<String, Object> common() {
    Map<String, Object> p = new HashMap<>(settings.properties());
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    return p;
  }
}
