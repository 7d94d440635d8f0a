package io.tocsin.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.app.cli.TocsinCommand;
import io.tocsin.model.Json;
import io.tocsin.model.LabelMatcher;
import io.tocsin.model.Silence;
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
import java.util.Map;
import java.util.TreeMap;
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
            "console-sign-in-failed-page", "high", "60", "29.4", "15", "7.3", "0", "15", "0", "45");
    assertThat(rowOf("console-sign-in-ok").split("\\s+"))
        .containsExactly("console-sign-in-ok", "low", "3", "1.5", "0", "0.0", "0", "3", "0", "0");
    assertThat(lines.get(lines.size() - 1)).endsWith("; silences: none given");
    assertThat(err.toString()).contains("replayed 3 records").contains("183 CloudTrail events");
  }

  private int forecastWithConfig(String... more) throws IOException {
    Path export = export();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--forecast",
                "--no-defaults",
                "--rules",
                dir.resolve("rules.yaml").toString(),
                "--config",
                dir.resolve("tocsin.yaml").toString()));
    args.addAll(Arrays.asList(more));
    args.add(export.toString());
    return replay(args.toArray(String[]::new));
  }

  /** A file as {@code tocsin silences list --json} prints it (the API's view of each silence). */
  private Path silencesFile(Silence... silences) throws IOException {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode items = body.putArray("silences");
    for (Silence s : silences) {
      ObjectNode view = Json.MAPPER.valueToTree(s);
      view.put("state", "expired");
      items.add(view);
    }
    return Files.writeString(dir.resolve("silences.json"), Json.MAPPER.writeValueAsString(body));
  }

  private static Silence silence(String matcher, Instant from, Instant to) {
    return new Silence(
        "6f1c2a4e-0b7d-4a51-9a64-3f1c2b7a9d10",
        List.of(LabelMatcher.parse(matcher)),
        from,
        to,
        "alice",
        "noisy sign-in page, TICKET-9");
  }

  @Test
  void shouldCountTheSilencedRulesPagesAsSilencedAndLeaveOtherRulesAlone() throws IOException {
    // Two matchers; the comma inside the regex's {1,2} stays in it.
    int code =
        forecastWithConfig("--silence", "rule=~console-sign-in-fail{1,2}ed-page,severity=high");

    assertThat(code).as(err.toString()).isZero();
    assertThat(rowOf("console-sign-in-failed-page").split("\\s+"))
        .as("still 60 alerts, but none paged: 60 pages silenced, none using up the cap")
        .containsExactly(
            "console-sign-in-failed-page", "high", "60", "29.4", "0", "0.0", "60", "0", "0", "0");
    assertThat(rowOf("console-sign-in-ok").split("\\s+"))
        .containsExactly("console-sign-in-ok", "low", "3", "1.5", "0", "0.0", "0", "3", "0", "0");
    assertThat(out.toString())
        .contains("silences: 1 given, held back 60 notifications (60 pages)")
        .doesNotContain("not applied");
  }

  @Test
  void shouldApplyEachSilenceOfTheListedFileBetweenItsStartAndEndOnEventTime() throws IOException {
    Instant day1 = DAY0.plus(Duration.ofDays(1));
    Path file =
        silencesFile(silence("rule=~console-sign-in-.*", day1, day1.plus(Duration.ofDays(1))));

    int code = forecastWithConfig("--silences", file.toString());

    assertThat(code).as(err.toString()).isZero();
    // Day 1's 20 incidents are silenced; days 0 and 2 page 5 each and throttle 15 each.
    assertThat(rowOf("console-sign-in-failed-page").split("\\s+"))
        .containsExactly(
            "console-sign-in-failed-page",
            "high",
            "60",
            "29.4",
            "10",
            "4.9",
            "20",
            "10",
            "0",
            "30");
    assertThat(rowOf("console-sign-in-ok").split("\\s+"))
        .as("day 1's sign-in reaches SNS, not a pager: held back, but no page")
        .containsExactly("console-sign-in-ok", "low", "3", "1.5", "0", "0.0", "0", "2", "0", "0");
    assertThat(out.toString()).contains("silences: 1 given, held back 21 notifications (20 pages)");
  }

  @Test
  void shouldChangeNothingWithASilenceOutsideTheEventsTimes() throws IOException {
    Instant before = DAY0.minus(Duration.ofDays(30));
    Path file =
        silencesFile(silence("rule=console-sign-in-failed-page", before, DAY0.minusSeconds(1)));

    int code = forecastWithConfig("--silences", file.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(rowOf("console-sign-in-failed-page").split("\\s+"))
        .containsExactly(
            "console-sign-in-failed-page", "high", "60", "29.4", "15", "7.3", "0", "15", "0", "45");
    assertThat(out.toString()).contains("silences: 1 given, held back 0 notifications (0 pages)");
  }

  @Test
  void shouldSilenceOneRuleOfTheDefaultPackOnThePantherEventsAndNoOther() {
    String panther = "src/test/resources/security/panther-rule-tests.jsonl";
    assertThat(replay("--forecast", "--pointer", "/event", panther)).as(err.toString()).isZero();
    Map<String, String[]> before = rows();
    out.getBuffer().setLength(0);

    int code =
        replay(
            "--forecast",
            "--pointer",
            "/event",
            "--silence",
            "rule=cloudtrail-logging-reduced",
            panther);

    assertThat(code).as(err.toString()).isZero();
    Map<String, String[]> after = rows();
    String[] was = before.get("cloudtrail-logging-reduced");
    String[] is = after.get("cloudtrail-logging-reduced");
    assertThat(Long.parseLong(was[4])).as("it paged before").isPositive();
    assertThat(is[2]).as("alerts").isEqualTo(was[2]);
    assertThat(is[4]).as("pages").isEqualTo("0");
    assertThat(Long.parseLong(is[6]))
        .as("pages silenced")
        .isGreaterThanOrEqualTo(Long.parseLong(was[4]));
    before.remove("cloudtrail-logging-reduced");
    before.remove("total");
    before.forEach((rule, row) -> assertThat(after.get(rule)).as(rule).containsExactly(row));
  }

  /** The forecast's rows by rule. */
  private Map<String, String[]> rows() {
    Map<String, String[]> rows = new TreeMap<>();
    out.toString()
        .lines()
        .skip(2)
        .map(l -> l.split("\\s+"))
        .filter(r -> r.length == 10)
        .forEach(r -> rows.put(r[0], r));
    return rows;
  }

  @Test
  void shouldRefuseABadMatcherNamingTheOption() {
    int code = replay("--forecast", "--silence", "rule~x", "x.json");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--silence 'rule~x': expected name=value, name!=value, name=~regex");
  }

  @Test
  void shouldRefuseABadSilencesFileNamingTheFileTheSilenceAndTheField() throws IOException {
    Path file = dir.resolve("silences.json");
    Files.writeString(
        file,
        """
        {"silences": [{"matchers": [{"name": "rule", "op": "=", "value": "x"}],
          "startsAt": "2026-10-05T00:00:00Z", "endsAt": "tomorrow"}]}
        """);
    assertThat(replay("--forecast", "--silences", file.toString(), "x.json")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--silences "
                + file
                + ": silences[0].endsAt: expected an ISO-8601 time such as 2026-11-25T03:00:00Z,"
                + " got 'tomorrow'");

    Files.writeString(file, "{\"silences\": [{\"matchers\": [\"rule=~(\"], \"endsAt\": 1}]}");
    assertThat(replay("--forecast", "--silences", file.toString(), "x.json")).isEqualTo(2);
    assertThat(err.toString())
        .contains(file + ": silences[0].matchers[0]: matcher rule=~(: invalid regex");

    Files.writeString(file, "[{\"rule\": \"x\"}");
    assertThat(replay("--forecast", "--silences", file.toString(), "x.json")).isEqualTo(2);
    assertThat(err.toString()).contains("--silences " + file + ": not JSON (line 1)");

    Path missing = dir.resolve("no-such.json");
    assertThat(replay("--forecast", "--silences", missing.toString(), "x.json")).isEqualTo(2);
    assertThat(err.toString()).contains("--silences " + missing + ": no such file");
  }

  @Test
  void shouldRefuseSilencesWithoutForecast() {
    assertThat(replay("--silence", "rule=x", "x.json")).isEqualTo(2);
    assertThat(err.toString()).contains("--silence and --silences: only used with --forecast");
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
            .filter(r -> r.length == 10)
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
