package io.tocsin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.kafka.SaslPlainBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tocsin run} against a broker that refuses it — a wrong SASL/PLAIN password, or a principal
 * the ACL authorizer may not let create topics — exits 2 with one line that says which.
 */
class RunRefusedByKafkaIT {

  private static final Map<String, String> TOKEN =
      Map.of("TOCSIN_API_TOKEN", "refused-it-token-0123456789abcdef");

  @TempDir static Path shared;
  @TempDir Path dir;

  private static SaslPlainBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = SaslPlainBroker.start(shared.resolve("kafka"));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void shouldSayAuthenticationFailedNamingTheServersForAWrongPassword() throws Exception {
    long t0 = System.nanoTime();
    CliRun run = run("wrong-password");
    long millis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(run.code()).as("stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.err().lines()).as("one line").hasSize(1);
    assertThat(run.err())
        .startsWith(
            "tocsin: kafka.properties: Kafka at "
                + broker.saslBootstrapServers()
                + ": authentication failed (")
        .contains("check the security.protocol, sasl.* and ssl.* properties");
    assertThat(millis).as("at once, not after the start-up wait").isLessThan(20_000);
  }

  @Test
  void shouldNameTheTopicsItMayNotCreateWhenTheAuthorizerDeniesCreate() throws Exception {
    CliRun run = run(SaslPlainBroker.PASSWORD);

    assertThat(run.code()).as("stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.err().lines()).as("one line").hasSize(1);
    assertThat(run.err())
        .startsWith(
            "tocsin: kafka: tocsin may not create or describe its topics on "
                + broker.saslBootstrapServers())
        .contains("tocsin.alerts.v1")
        .contains("grant tocsin's principal CREATE and DESCRIBE on them");
  }

  private CliRun run(String password) throws Exception {
    StringBuilder yaml =
        new StringBuilder("kafka:\n  bootstrap_servers: ")
            .append(broker.saslBootstrapServers())
            .append("\n  state_dir: ")
            .append(dir.resolve("state"))
            .append("\n  startup_wait: 10s\n  properties:\n");
    SaslPlainBroker.clientProperties(password)
        .forEach((k, v) -> yaml.append("    ").append(k).append(": '").append(v).append("'\n"));
    yaml.append("api:\n  host: 127.0.0.1\n  port: 0\n");
    Path config = dir.resolve("tocsin.yaml");
    Files.writeString(config, yaml.toString());
    return CliRun.of(new RunCommand(TOKEN), "--config", config.toString());
  }
}
