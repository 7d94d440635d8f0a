package io.tocsin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tocsin run} refuses a deployment mistake with one line and exit 2, and early. */
class RunStartupTest {

  private static final Map<String, String> TOKEN =
      Map.of("TOCSIN_API_TOKEN", "startup-test-token-0123456789abcdef");

  @TempDir Path dir;

  @Test
  void shouldNameAMissingRoutingKeyBeforeTouchingTheCluster() throws Exception {
    Path config =
        config(
            "notify:\n"
                + "  route: {receiver: oncall}\n"
                + "  receivers:\n"
                + "    - name: oncall\n"
                + "      pagerduty: {routing_key_env: STARTUP_TEST_ABSENT_ROUTING_KEY}\n");

    long t0 = System.nanoTime();
    CliRun run = CliRun.of(new RunCommand(TOKEN), "--config", config.toString());
    long millis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "tocsin: notify.receivers.0.pagerduty.routing_key_env: environment variable"
                + " STARTUP_TEST_ABSENT_ROUTING_KEY is not set or empty"
                + System.lineSeparator());
    assertThat(millis)
        .as("refused before waiting for the (unreachable) cluster, which takes 60 s")
        .isLessThan(30_000);
  }

  @Test
  void shouldNameAMissingApiTokenBeforeTouchingTheCluster() throws Exception {
    CliRun run = CliRun.of(new RunCommand(Map.of()), "--config", config("").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("tocsin: token_env: environment variable TOCSIN_API_TOKEN");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void shouldListEveryConfigErrorWithItsPlaceThenACountAndExitTwo() throws Exception {
    Path config = config("  port: eighty\n  token_envv: X\nkinesis:\n  max_records: three\n");

    CliRun run = CliRun.of(new RunCommand(TOKEN), "--config", config.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            config + ":6:3: api.port: expected a whole number, got \"eighty\"",
            config + ":7:3: api.token_envv: unknown key; did you mean 'token_env'?",
            config + ":9:3: kinesis.max_records: expected a whole number, got \"three\"",
            "tocsin: 3 errors in 1 file");
  }

  @Test
  void shouldListEveryRuleErrorBeforeTouchingTheCluster() throws Exception {
    Path rules =
        Files.writeString(
            dir.resolve("rules.yaml"),
            "rules:\n  - id: a\n    title: A\n    source: logz\n    pattern: ERROR\n"
                + "    severity: low\n  - id: b\n    title: B\n    source: logs\n"
                + "    pattern: '{ $.x = '\n    severity: low\n");
    Path config = config("rules:\n  dirs: [" + rules + "]\n");

    long t0 = System.nanoTime();
    CliRun run = CliRun.of(new RunCommand(TOKEN), "--config", config.toString());
    long millis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines())
        .hasSize(3)
        .startsWith(
            rules
                + ":4:5: rule a: field source: expected one of [logs, cloudtrail], got \"logz\";"
                + " did you mean 'logs'?")
        .endsWith("tocsin: 2 errors in 1 file");
    assertThat(run.err().lines().toList().get(1))
        .startsWith(rules + ":10:5: rule b: field pattern: ");
    assertThat(millis).as("refused before waiting for the cluster").isLessThan(30_000);
  }

  @Test
  void shouldGiveUpOnAnUnreachableClusterAfterTheConfiguredWaitWithOneLine() throws Exception {
    long t0 = System.nanoTime();
    Map<String, String> env = new HashMap<>(TOKEN);
    env.put("TOCSIN_KAFKA__STARTUP_WAIT", "3s");
    CliRun run = CliRun.of(new RunCommand(env), "--config", config("").toString());
    long millis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .startsWith(
            "tocsin: kafka.bootstrap_servers: cannot reach Kafka at 127.0.0.1:1 within 3 s (");
    // The message names the 3 s wait; the bound only tells it from the 60 s default, with room
    // for a loaded CI machine (18.8 s seen with another build running).
    assertThat(millis).as("kafka.startup_wait, not the 60 s default").isBetween(3_000L, 59_000L);
  }

  /** A config for a cluster nobody listens on, plus {@code extra}. */
  private Path config(String extra) throws Exception {
    Path file = dir.resolve("tocsin.yaml");
    Files.writeString(
        file,
        "kafka:\n  bootstrap_servers: 127.0.0.1:1\n  state_dir: "
            + dir.resolve("state")
            + "\napi:\n  host: 127.0.0.1\n"
            + extra);
    return file;
  }
}
