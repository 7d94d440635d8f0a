package io.tocsin.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.app.cli.TocsinCommand;
import io.tocsin.model.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tocsin replay --asn-table}: a rule on {@code source_network} sees AS numbers from the
 * table, as {@code tocsin run} does with {@code rules.asn_table}, and the address's /24 without
 * one. Two addresses of one /24 announced by two AS numbers tell the two apart.
 */
class ReplayAsnTableTest {

  private static final String RULES =
      """
      rules:
        - id: secret-read-from-two-networks
          title: Secret read by one principal from two networks within an hour
          source: cloudtrail
          pattern: '{ $.eventSource = secretsmanager.amazonaws.com && $.eventName = GetSecretValue }'
          conditions:
            - distinct: {value: source_network, per: principal, at_least: 2, window: 1h}
          severity: high
      """;

  /** 203.0.113.0/24 split between two AS numbers, as ip2asn lists a /24 announced in halves. */
  private static final String TABLE =
      """
      203.0.113.0\t203.0.113.127\t64501\tZZ\tEXAMPLE-HOSTING
      203.0.113.128\t203.0.113.255\t64503\tZZ\tEXAMPLE-TRANSIT
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path rules;
  private Path table;
  private Path events;

  @BeforeEach
  void write() throws IOException {
    rules = Files.writeString(dir.resolve("rules.yaml"), RULES);
    table = Files.writeString(dir.resolve("ip2asn.tsv"), TABLE);
    events =
        Files.writeString(
            dir.resolve("events.jsonl"),
            secretRead("203.0.113.10", "2026-10-05T09:00:00Z", 1)
                + "\n"
                + secretRead("203.0.113.200", "2026-10-05T09:05:00Z", 2)
                + "\n");
  }

  /** A GetSecretValue call by alice from {@code ip} at {@code at}, as CloudTrail records it. */
  private static String secretRead(String ip, String at, int id) {
    return ("{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\","
            + "\"principalId\":\"AIDAJ45Q7YFFAREXAMPLE\","
            + "\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\","
            + "\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\",\"userName\":\"alice\"},"
            + "\"eventTime\":\"%s\",\"eventSource\":\"secretsmanager.amazonaws.com\","
            + "\"eventName\":\"GetSecretValue\",\"awsRegion\":\"us-east-1\","
            + "\"sourceIPAddress\":\"%s\",\"userAgent\":\"aws-cli/2.15.30\","
            + "\"requestParameters\":{\"secretId\":\"prod/db\"},\"responseElements\":null,"
            + "\"eventID\":\"asn-%d\",\"readOnly\":true,\"eventType\":\"AwsApiCall\","
            + "\"managementEvent\":true,\"recipientAccountId\":\"111122223333\"}")
        .formatted(at, ip, id);
  }

  private int replay(String... args) {
    CommandLine cmd = TocsinCommand.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("replay", "--no-defaults"));
    all.addAll(Arrays.asList(args));
    return cmd.execute(all.toArray(String[]::new));
  }

  private List<String> firingRules() throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : out.toString().lines().toList()) {
      JsonNode alert = Json.MAPPER.readTree(line);
      if (alert.path("status").asText().equals("firing")) {
        ids.add(alert.path("rule").path("id").asText());
      }
    }
    return ids;
  }

  @Test
  void shouldTellTwoAsNumbersOfOneSlash24ApartWithTheTable() throws IOException {
    int code =
        replay("--rules", rules.toString(), "--asn-table", table.toString(), events.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(firingRules()).containsExactly("secret-read-from-two-networks");
    assertThat(err.toString()).contains("AS number table " + table + ": 2 ranges");
  }

  @Test
  void shouldNameTheNetworkByItsSlash24WithoutATableAsRunDoes() throws IOException {
    int code = replay("--rules", rules.toString(), events.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(firingRules()).as("both reads come from 203.0.113.0/24: one network").isEmpty();
    assertThat(err.toString()).doesNotContain("AS number table");
  }

  /** A forecast of the events under {@code config}, with {@code more} options. */
  private int forecast(Path config, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("--forecast", "-c", config.toString(), "--rules", rules.toString()));
    args.addAll(Arrays.asList(more));
    args.add(events.toString());
    return replay(args.toArray(String[]::new));
  }

  @Test
  void shouldTakeTheForecastsTableFromTheConfigUnlessTheOptionOverridesIt() throws IOException {
    Path missing = dir.resolve("no-such.tsv");
    Path config =
        Files.writeString(dir.resolve("tocsin.yaml"), "rules:\n  asn_table: " + table + "\n");
    assertThat(forecast(config)).as(err.toString()).isZero();
    assertThat(out.toString()).containsPattern("(?m)^secret-read-from-two-networks +high +1 ");

    Files.writeString(config, "rules:\n  asn_table: " + missing + "\n");
    assertThat(forecast(config)).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            config
                + ": rules.asn_table: cannot read the AS number table "
                + missing
                + ": no such file");

    out.getBuffer().setLength(0);
    assertThat(forecast(config, "--asn-table", table.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).containsPattern("(?m)^secret-read-from-two-networks +high +1 ");
  }

  @Test
  void shouldRefuseAMissingOrBadTableNamingTheFileAndLine() throws IOException {
    Path missing = dir.resolve("no-such.tsv");
    assertThat(replay("--asn-table", missing.toString(), events.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("--asn-table: cannot read the AS number table " + missing + ": no such file");

    Files.writeString(table, "203.0.113.0\t203.0.113.x\t64501\tZZ\tEXAMPLE\n");
    assertThat(replay("--asn-table", table.toString(), events.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--asn-table: "
                + table
                + ":1: range_end: expected an IPv4 or IPv6 address, got '203.0.113.x'");
  }
}
