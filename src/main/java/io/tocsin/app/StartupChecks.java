package io.tocsin.app;

import io.tocsin.config.ConfigException;
import io.tocsin.config.TocsinConfig;
import io.tocsin.ingest.kinesis.KinesisPreflight;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.notify.pipeline.Notifiers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * What {@code tocsin run} checks before it starts anything, so a deployment mistake is one clear
 * line (a {@link ConfigException}, exit 2) instead of a stack trace after minutes: first every
 * secret (the API token, each PagerDuty routing key), without touching the network; then that the
 * Kafka cluster answers, waiting a bounded time and saying so while it waits; then the Kinesis
 * streams and lease table. Topics are checked when they are provisioned.
 */
final class StartupChecks {

  private static final Duration SAY_EVERY = Duration.ofSeconds(5);
  private static final Duration ATTEMPT = Duration.ofSeconds(2);

  private StartupChecks() {}

  /** The secrets {@code config} names are all in {@code env}. */
  static void secrets(TocsinConfig config, Map<String, String> env) {
    config.api().token(env);
    Notifiers.checkSecrets(config.delivery(), env);
  }

  /**
   * Waits up to {@code wait} ({@code kafka.startup_wait}) for the cluster of {@code clients} to
   * answer, telling {@code say} every 5 s.
   *
   * @throws ConfigException when it does not answer in time or refuses the credentials
   */
  static void kafkaReachable(KafkaClients clients, Duration wait, Consumer<String> say) {
    String servers = clients.settings().bootstrapServers();
    Map<String, Object> props = clients.admin();
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ATTEMPT.toMillis());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ATTEMPT.toMillis());
    long t0 = System.nanoTime();
    long nextSay = SAY_EVERY.toNanos();
    String last = "no answer";
    try (Admin admin = Admin.create(props)) {
      while (true) {
        try {
          admin.describeCluster().clusterId().get(ATTEMPT.toMillis(), TimeUnit.MILLISECONDS);
          return;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          if (cause instanceof AuthenticationException) {
            throw new ConfigException(
                "kafka.properties",
                "Kafka at "
                    + servers
                    + ": authentication failed ("
                    + cause.getMessage()
                    + "); check the security.protocol, sasl.* and ssl.* properties and the"
                    + " secret they name");
          }
          last = cause.toString();
        } catch (TimeoutException e) {
          last = "no answer within " + ATTEMPT.toSeconds() + " s";
        }
        long waited = System.nanoTime() - t0;
        if (waited >= wait.toNanos()) {
          throw new ConfigException(
              "kafka.bootstrap_servers",
              "cannot reach Kafka at "
                  + servers
                  + " within "
                  + wait.toSeconds()
                  + " s ("
                  + last
                  + "); check the address, the network path and the security settings");
        }
        if (waited >= nextSay) {
          say.accept(
              "waiting for Kafka at "
                  + servers
                  + ": "
                  + TimeUnit.NANOSECONDS.toSeconds(waited)
                  + " s of "
                  + wait.toSeconds()
                  + " s ("
                  + last
                  + ")");
          nextSay += SAY_EVERY.toNanos();
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }

  /** The Kinesis streams exist and the credentials may read them and the lease table. */
  static void kinesis(TocsinConfig config, Consumer<String> say) {
    if (config.kinesis().enabled()) {
      KinesisPreflight.check(config.kinesis(), say);
    }
  }
}
