package io.tocsin.app.bench;

import io.tocsin.kafka.KafkaClients;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group (the detection application) has got through a topic, read from the
 * offsets it committed, which under exactly_once_v2 are those of fully processed input; and how
 * many bytes a topic holds on the broker's disk.
 */
public final class GroupProgress implements AutoCloseable {

  private final Admin admin;
  private final String group;
  private final Map<String, List<TopicPartition>> partitions = new ConcurrentHashMap<>();

  /** Progress of {@code group} on the cluster of {@code clients}. */
  public GroupProgress(KafkaClients clients, String group) {
    this.admin = Admin.create(clients.admin());
    this.group = group;
  }

  /** Records of {@code topic} the group has processed and committed, over all partitions. */
  public long committed(String topic) {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
    return offsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  /** The end offsets of {@code topic}, summed over its partitions. */
  public long end(String topic) {
    Map<TopicPartition, OffsetSpec> latest =
        partitions(topic).stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
    return get(admin.listOffsets(latest).all()).values().stream()
        .mapToLong(info -> info.offset())
        .sum();
  }

  /** Records of {@code topic} the group has yet to process. */
  public long lag(String topic) {
    return end(topic) - committed(topic);
  }

  /** Whether {@code topic} exists (a store's changelog exists only when some rule uses it). */
  boolean exists(String topic) {
    return get(admin.listTopics().names()).contains(topic);
  }

  /** Bytes the partitions of {@code topic} take on the broker's disk (0 when it does not exist). */
  long bytesOnDisk(String topic) {
    Collection<Map<String, LogDirDescription>> brokers =
        get(admin.describeLogDirs(brokerIds()).allDescriptions()).values();
    long bytes = 0;
    for (Map<String, LogDirDescription> dirs : brokers) {
      for (LogDirDescription dir : dirs.values()) {
        for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
          if (replica.getKey().topic().equals(topic)) {
            bytes += replica.getValue().size();
          }
        }
      }
    }
    return bytes;
  }

  private List<Integer> brokerIds() {
    return get(admin.describeCluster().nodes()).stream().map(n -> n.id()).toList();
  }

  private List<TopicPartition> partitions(String topic) {
    return partitions.computeIfAbsent(
        topic,
        t ->
            get(admin.describeTopics(List.of(t)).allTopicNames()).get(t).partitions().stream()
                .map(p -> new TopicPartition(t, p.partition()))
                .toList());
  }

  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the broker", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the broker did not answer: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
