package io.tocsin.kafka;

import io.tocsin.config.ConfigException;
import io.tocsin.config.KafkaSettings;
import io.tocsin.topics.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates tocsin's topics at start-up, idempotently. A topic that already exists with a different
 * partition count is an error with a clear message, not a silent surprise at runtime.
 */
public final class TopicProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

  private final KafkaClients clients;

  /** Provisions topics on the cluster of {@code clients}. */
  public TopicProvisioner(KafkaClients clients) {
    this.clients = clients;
  }

  /**
   * Creates each missing topic with the configured partitions and replication and the topic's own
   * configs (such as compaction), then checks that every topic has the configured partition count.
   *
   * @throws ConfigException naming the topic and both counts when one differs ({@code
   *     kafka.partitions}), or the missing topics when tocsin may not create them ({@code kafka})
   * @throws IllegalStateException when the cluster does not answer
   */
  public void ensure(Collection<Topic<?, ?>> topics) {
    KafkaSettings settings = clients.settings();
    try (Admin admin = Admin.create(clients.admin())) {
      List<String> names = topics.stream().map(Topic::name).toList();
      var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> topic : topics) {
        if (!existing.contains(topic.name())) {
          missing.add(
              new NewTopic(
                      topic.name(),
                      Optional.of(settings.partitions()),
                      Optional.of((short) settings.replicationFactor()))
                  .configs(topic.configs()));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
      }
      Map<String, TopicDescription> described = describe(admin, names);
      for (TopicDescription d : described.values()) {
        if (d.partitions().size() != settings.partitions()) {
          throw new ConfigException(
              "kafka.partitions",
              "topic "
                  + d.name()
                  + " exists with "
                  + d.partitions().size()
                  + " partitions but kafka.partitions is "
                  + settings.partitions()
                  + "; set kafka.partitions to "
                  + d.partitions().size()
                  + " or migrate the topic");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof AuthorizationException) {
        throw new ConfigException(
            "kafka",
            "tocsin may not create or describe its topics on "
                + settings.bootstrapServers()
                + " ("
                + cause.getMessage()
                + "): create "
                + topics.stream().map(Topic::name).toList()
                + " with kafka.partitions partitions beforehand, or grant tocsin's principal"
                + " CREATE and DESCRIBE on them");
      }
      throw new IllegalStateException(
          "cannot create topics on " + settings.bootstrapServers() + ": " + cause.getMessage(),
          cause);
    }
  }

  /**
   * Describes {@code names}. A topic just created may not be in a broker's metadata yet (seen under
   * load: {@code UnknownTopicOrPartitionException} right after creation), so that is retried for up
   * to 30 seconds.
   */
  private static Map<String, TopicDescription> describe(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
