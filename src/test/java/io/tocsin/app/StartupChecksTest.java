package io.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.config.ConfigException;
import io.tocsin.config.KafkaSettings;
import io.tocsin.kafka.KafkaClients;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Start-up waits a bounded time for an unreachable cluster, saying so, then names it. */
class StartupChecksTest {

  @Test
  void shouldSayItIsWaitingForKafkaThenFailWithOneLineNamingTheServers() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String servers = "127.0.0.1:" + closed;
    KafkaClients clients =
        new KafkaClients(KafkaSettings.defaults().withCluster(servers, "unused-state"));
    List<String> said = new CopyOnWriteArrayList<>();

    long t0 = System.nanoTime();
    assertThatThrownBy(
            () -> StartupChecks.kafkaReachable(clients, Duration.ofSeconds(7), said::add))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "kafka.bootstrap_servers: cannot reach Kafka at " + servers + " within 7 s (")
        .hasMessageEndingWith("check the address, the network path and the security settings")
        .hasMessageNotContaining("\n");
    long millis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(said).isNotEmpty();
    assertThat(said.get(0))
        .startsWith("waiting for Kafka at " + servers + ": ")
        .contains(" s of 7 s");
    assertThat(millis).as("bounded by the wait").isBetween(7_000L, 20_000L);
  }
}
