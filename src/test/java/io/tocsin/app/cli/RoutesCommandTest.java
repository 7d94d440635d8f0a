package io.tocsin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.ConfigLoader;
import io.tocsin.config.NotifySettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RoutesCommandTest {

  private static final String CONFIG =
      """
      kafka:
        partitions: 3
      notify:
        route:
          receiver: team-sns
          routes:
            - matchers: ["severity=~critical|high"]
              receiver: oncall
              continue: true
            - matchers: ["tag=T1098", "account=123456789012"]
              receiver: security
        receivers:
          - name: oncall
            pagerduty: {routing_key_env: PAGERDUTY_ROUTING_KEY}
            group_by: [rule, account]
            group_interval: 10m
            max_per_minute: 5
          - name: team-sns
            sns: {topic_arn: "arn:aws:sns:eu-west-1:123456789012:alerts"}
          - name: security
            sns: {topic_arn: "arn:aws:sns:eu-west-1:123456789012:security.fifo"}
        retry: {initial_backoff: 1s, max_backoff: 1m, max_elapsed: 5m}
      """;

  @TempDir Path dir;
  private Path config;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeConfig() throws IOException {
    config = dir.resolve("tocsin.yaml");
    Files.writeString(config, CONFIG);
  }

  private int run(String... args) {
    CommandLine cmd = new CommandLine(new RoutesCommand());
    cmd.setExecutionExceptionHandler(new UserErrorHandler());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @Test
  void shouldBindTheNotifySectionOfTheConfigFile() {
    NotifySettings settings = ConfigLoader.load(config, Map.of()).delivery();

    assertThat(settings.receivers()).hasSize(3);
    assertThat(settings.receiver("oncall").pagerduty().routingKeyEnv())
        .isEqualTo("PAGERDUTY_ROUTING_KEY");
    assertThat(settings.receiver("oncall").groupInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.receiver("security").sns().fifo()).isTrue();
    assertThat(settings.route().routes().get(0).continueMatching()).isTrue();
    assertThat(settings.retry().maxElapsed()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void shouldPrintEveryReceiverAnAlertReachesThroughContinue() {
    int exit =
        run(
            "test",
            "-c",
            config.toString(),
            "--label",
            "severity=high",
            "--rule",
            "iam-change",
            "--account",
            "123456789012",
            "--tag",
            "T1098");

    assertThat(exit).isZero();
    assertThat(out.toString().lines())
        .containsExactly(
            "alert: rule=iam-change severity=high status=firing kind=match account=123456789012"
                + " tag=T1098",
            "oncall               pagerduty  via notify.route.routes.0        group"
                + " {rule=iam-change, account=123456789012}",
            "security             sns        via notify.route.routes.1        group"
                + " {rule=iam-change, account=123456789012}");
  }

  @Test
  void shouldFallBackToTheRootReceiverWhenNoRouteMatches() {
    int exit = run("test", "-c", config.toString(), "--severity", "medium");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("team-sns             sns        via notify.route ");
  }

  @Test
  void shouldRouteASecurityAlertGivenAsJson() throws IOException {
    Path alert = dir.resolve("alert.json");
    Files.writeString(
        alert,
        """
        {"schemaVersion": 1, "id": "a-1", "fingerprint": "f-1", "status": "firing",
         "rule": {"id": "iam-policy-change", "title": "IAM policy changed", "kind": "match",
                  "severity": "medium", "tags": ["T1098"]},
         "title": "IAM policy changed", "resource": {"account": "123456789012"}}
        """);

    int exit =
        run("test", "-c", config.toString(), "--alert", alert.toString(), "--expect", "security");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("tag=T1098")
        .contains("security             sns        via notify.route.routes.1")
        .endsWith("ok: receivers as expected" + System.lineSeparator());
  }

  @Test
  void shouldExitOneWhenTheReceiversAreNotTheExpectedOnes() {
    int exit =
        run("test", "-c", config.toString(), "--severity", "low", "--expect", "oncall,team-sns");

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).contains("FAIL: expected [oncall, team-sns], got [team-sns]");
  }

  @Test
  void shouldExitTwoNamingTheKeyOfAnInvalidConfig() throws IOException {
    Files.writeString(config, CONFIG.replace("receiver: security", "receiver: secuirty"));

    int exit = run("test", "-c", config.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(config + ":11:9: notify.route.routes.1.receiver: unknown receiver 'secuirty'")
        .endsWith("tocsin: 1 error in 1 file" + System.lineSeparator());
  }

  @Test
  void shouldExitTwoNamingAMatcherThatDoesNotParse() throws IOException {
    Files.writeString(config, CONFIG.replace("tag=T1098", "tag~T1098"));

    int exit = run("test", "-c", config.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("tocsin: notify.route.routes.1.matchers.0: expected name=value");
  }
}
