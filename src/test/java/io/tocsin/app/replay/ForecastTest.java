package io.tocsin.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.app.cli.TocsinCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tocsin replay --forecast}: alerts and pages per day per rule after incident folding and
 * the configured receivers' grouping and per-minute caps, on a generated three-day CloudTrail S3
 * export and on the labelled panther-analysis events.
 */
class ForecastTest {

  private static final Instant DAY0 = Instant.parse("2026-10-05T00:00:00Z");

  private static final String RULES =
      """
      rules:
        - id: console-sign-in-failed-page
          title: Console sign-in failed
          source: cloudtrail
          pattern: '{ $.eventName = ConsoleLogin && $.errorMessage = "Failed authentication" }'
          group_by: [principal, account]
          severity: high
          suppression: 5m
        - id: console-sign-in-ok
          title: Console sign-in
          source: cloudtrail
          pattern: '{ $.eventName = ConsoleLogin && $.responseElements.ConsoleLogin = Success }'
          group_by: [account]
          severity: low
          suppression: 5m
      """;

  private static final String CONFIG =
      """
      notify:
        route:
          receiver: team-sns
          routes:
            - matchers: ["severity=~critical|high"]
              receiver: oncall
        receivers:
          - name: oncall
            pagerduty: {routing_key_env: PAGERDUTY_ROUTING_KEY}
            group_by: ["..."]
            group_interval: 10m
            max_per_minute: 5
          - name: team-sns
            sns: {topic_arn: "arn:aws:sns:eu-west-1:123456789012:alerts"}
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int replay(String... args) {
    CommandLine cmd = TocsinCommand.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("replay"));
    all.addAll(Arrays.asList(args));
    return cmd.execute(all.toArray(String[]::new));
  }

  /** A ConsoleLogin record of {@code user} at {@code at}, failed or not, as CloudTrail logs it. */
  private static String signIn(String user, Instant at, boolean failed, int id) {
    return """
        {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDA%1$s",
         "arn":"arn:aws:iam::111122223333:user/%1$s","accountId":"111122223333","userName":"%1$s"},
         "eventTime":"%2$s","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin",
         "awsRegion":"us-east-1","sourceIPAddress":"198.51.100.23","userAgent":"Mozilla/5.0",
         %3$s"requestParameters":null,
         "responseElements":{"ConsoleLogin":"%4$s"},
         "additionalEventData":{"MobileVersion":"No","MFAUsed":"No"},
         "eventID":"gen-%5$d","readOnly":false,"eventType":"AwsConsoleSignIn",
         "managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}
        """
        .formatted(
            user,
            at.toString(),
            failed ? "\"errorMessage\":\"Failed authentication\"," : "",
            failed ? "Failure" : "Success",
            id);
  }

  /**
   * Three days of CloudTrail S3 export, one gzipped Records file per day: each morning 20 users
   * fail to sign in three times each within a minute, and one user signs in.
   */
  private Path export() throws IOException {
    Path export = dir.resolve("AWSLogs/111122223333/CloudTrail/us-east-1");
    Files.createDirectories(export);
    int id = 0;
    for (int day = 0; day < 3; day++) {
      Instant morning = DAY0.plus(Duration.ofDays(day)).plus(Duration.ofHours(9));
      List<String> records = new ArrayList<>();
      for (int attempt = 0; attempt < 3; attempt++) {
        for (int u = 0; u < 20; u++) {
          records.add(signIn("user" + u, morning.plusSeconds(attempt * 15L + u), true, ++id));
        }
      }
      records.add(signIn("alice", morning.plus(Duration.ofHours(1)), false, ++id));
      Path file = export.resolve("day" + day + ".json.gz");
      try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
        gz.write(
            ("{\"Records\":[" + String.join(",", records) + "]}").getBytes(StandardCharsets.UTF_8));
      }
    }
    Files.writeString(dir.resolve("rules.yaml"), RULES);
    Files.writeString(dir.resolve("tocsin.yaml"), CONFIG);
    return dir.resolve("AWSLogs");
  }

  private String rowOf(String rule) {
    return out.toString().lines().filter(l -> l.startsWith(rule + " ")).findFirst().orElseThrow();
  }

  @Test
  void shouldForecastPagesPerDayAfterFoldingAndTheReceiversCap() throws IOException {
    Path export = export();
    int code =
        replay(
            "--forecast",
            "--no-defaults",
            "--rules",
            dir.resolve("rules.yaml").toString(),
            "--config",
            dir.resolve("tocsin.yaml").toString(),
            export.toString());

    assertThat(code).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0))
        .startsWith("noise forecast over 2.0 days")
        .contains("oncall (pagerduty)");
    assertThat(lines.get(2)).as("most pages first").startsWith("console-sign-in-failed-page ");
    // 60 incidents (20 users a day, three failures each folded), 5 paged per minute, the rest
    // throttled into the receiver's summary.
    assertThat(rowOf("console-sign-in-failed-page").split("\\s+"))
        .containsExactly(
            "console-sign-in-failed-page", "high", "60", "29.4", "15", "7.3", "15", "0", "45");
    assertThat(rowOf("console-sign-in-ok").split("\\s+"))
        .containsExactly("console-sign-in-ok", "low", "3", "1.5", "0", "0.0", "3", "0", "0");
    assertThat(err.toString()).contains("replayed 3 records").contains("183 CloudTrail events");
  }

  @Test
  void shouldPageOnlyCriticalAndHighRulesOfTheDefaultPackWithoutAConfig() {
    int code =
        replay(
            "--forecast",
            "--pointer",
            "/event",
            "src/test/resources/security/panther-rule-tests.jsonl");

    assertThat(code).as(err.toString()).isZero();
    List<String[]> rows =
        out.toString()
            .lines()
            .skip(2)
            .map(l -> l.split("\\s+"))
            .filter(r -> r.length == 9)
            .toList();
    assertThat(rows).extracting(r -> r[0]).contains("cloudtrail-logging-reduced", "total");
    assertThat(rows)
        .filteredOn(r -> !r[0].equals("total") && Long.parseLong(r[4]) > 0)
        .extracting(r -> r[1])
        .isNotEmpty()
        .allMatch(severity -> severity.equals("critical") || severity.equals("high"));
    assertThat(out.toString()).contains("receivers: pager (critical and high alerts");
  }
}
