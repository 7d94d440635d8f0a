package io.tocsin.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.app.cli.TocsinCommand;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tocsin replay} on real and documented data (copied under src/test/resources). */
class ReplayCommandTest {

  private static final Path DATA = Path.of("src/test/resources");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int replay(String... args) {
    CommandLine cmd = TocsinCommand.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "replay";
    System.arraycopy(args, 0, all, 1, args.length);
    return cmd.execute(all);
  }

  private List<JsonNode> outputLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        lines.add(Json.MAPPER.readTree(line));
      }
    }
    return lines;
  }

  @Test
  void shouldRaiseLambdaAlertsFromRealLogLinesWithEventTimeFromTheData() throws IOException {
    int code =
        replay(
            "--format",
            "lines",
            "--pointer",
            "/message",
            "--log-group",
            "/aws/lambda/demo",
            DATA.resolve("detect/lambda_log_lines_flat.jsonl").toString());

    assertThat(code).isZero();
    List<Alert> alerts = new ArrayList<>();
    for (JsonNode line : outputLines()) {
      alerts.add(Json.MAPPER.treeToValue(line, Alert.class));
    }
    assertThat(alerts)
        .filteredOn(a -> a.status() == AlertStatus.FIRING)
        .extracting(a -> a.rule().id())
        .contains(
            "lambda-task-timeout",
            "lambda-out-of-memory",
            "lambda-runtime-exit-error",
            "app-unhandled-exception");
    assertThat(err.toString()).contains("replayed 92 records: 92 log events");
  }

  @Test
  void shouldDecodeTheGzipBase64KinesisRecordOfTheAwsDocs() {
    int code =
        replay(
            "--pointer",
            "/kinesis_get_records_style/Records/0/Data",
            DATA.resolve(
                    "ingest/cwlogs/subscription-envelope/DERIVED_kinesis_record_from_aws_docs_example.json")
                .toString());

    assertThat(code).isZero();
    assertThat(err.toString())
        .contains("replayed 1 records: 3 log events")
        .contains("0 dead letters");
  }

  @Test
  void shouldPrintOneMatchLinePerCloudTrailEventWithoutSuppression() throws IOException {
    Path rows = DATA.resolve("ingest/cloudtrail/panther-rule-tests.jsonl");
    long events = Files.lines(rows).filter(l -> !l.isBlank()).count();

    int code = replay("--matches", "--pointer", "/event", rows.toString());

    assertThat(code).isZero();
    List<JsonNode> lines = outputLines();
    assertThat(lines).hasSizeGreaterThan((int) (events * 0.9));
    assertThat(lines).allSatisfy(l -> assertThat(l.has("id") && l.get("rules").isArray()).isTrue());
    assertThat(lines)
        .anySatisfy(l -> assertThat(l.get("rules").toString()).contains("cis-iam-policy-change"));
  }

  @Test
  void shouldCountUndecodableRecordsAsDeadLettersAndKeepGoing() throws IOException {
    Path file = dir.resolve("mixed.jsonl");
    Files.writeString(
        file,
        "not json at all\n"
            + "{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\","
            + "\"eventName\":\"CreateUser\",\"eventTime\":\"2026-11-26T10:00:00Z\","
            + "\"eventID\":\"e1\",\"recipientAccountId\":\"123456789012\"}\n");

    int code = replay("--matches", file.toString());

    assertThat(code).isZero();
    assertThat(outputLines()).extracting(l -> l.get("id").asText()).containsExactly("e1");
    assertThat(err.toString()).contains("1 dead letters");
  }

  @Test
  void shouldRejectAnUnknownFormatAndAMissingFileWithoutAStackTrace() {
    assertThat(replay("--format", "xml", "x.json")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--format: expected auto, cwl, cloudtrail, eventbridge or lines");
    assertThat(replay(dir.resolve("nope.json").toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("nope.json: no such file or directory")
        .doesNotContain("\tat ");
  }
}
