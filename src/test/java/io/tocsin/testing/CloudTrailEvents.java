package io.tocsin.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Json;
import io.tocsin.model.SourcePosition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudTrail test events: the labelled panther-analysis rule-test events of {@code
 * security/panther-rule-tests.jsonl}, and the mapping of a CloudTrail JSON event to a {@link
 * CloudTrailEvent} as the ingest publishes it on {@code tocsin.cloudtrail.v1}.
 */
public final class CloudTrailEvents {

  /** One labelled event: the panther rule, whether it should fire, and the event. */
  public record Labelled(
      int line, String label, String testName, boolean risky, boolean hasMocks, JsonNode json) {

    /** The event as the detector receives it. */
    public CloudTrailEvent event() {
      return of(json, "panther-" + line);
    }
  }

  private CloudTrailEvents() {}

  /** Every labelled event of the panther rule tests, in file order. */
  public static List<Labelled> panther() {
    List<Labelled> rows = new ArrayList<>();
    try (InputStream in =
        CloudTrailEvents.class.getResourceAsStream("/security/panther-rule-tests.jsonl")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        JsonNode row = Json.MAPPER.readTree(lines[i]);
        rows.add(
            new Labelled(
                i + 1,
                row.path("label").asText(),
                row.path("test_name").asText(),
                row.path("risky").asBoolean(),
                row.path("has_mocks").asBoolean(),
                row.path("event")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The panther event of {@code label} named {@code testName}. */
  public static CloudTrailEvent panther(String label, String testName) {
    return panther().stream()
        .filter(r -> r.label().equals(label) && r.testName().equals(testName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(label + " / " + testName))
        .event();
  }

  /**
   * {@code json} as the ingest maps a CloudTrail event: account from {@code recipientAccountId} or
   * the actor's, {@code "unknown"} without either; {@code fallbackId} when it has no eventID.
   */
  public static CloudTrailEvent of(JsonNode json, String fallbackId) {
    JsonNode identity = json.path("userIdentity");
    String account =
        json.path("recipientAccountId").asText(identity.path("accountId").asText("unknown"));
    return new CloudTrailEvent(
        json.path("eventID").asText(fallbackId),
        time(json.path("eventTime").asText("")),
        json.path("eventSource").asText(""),
        json.path("eventName").asText(""),
        account.isEmpty() ? "unknown" : account,
        json.path("awsRegion").asText(null),
        "cloudtrail",
        json,
        SourcePosition.kinesis("cloudtrail", "shardId-000000000000", fallbackId));
  }

  private static Instant time(String text) {
    try {
      String iso =
          text.length() > 10 && text.charAt(10) == ' ' ? text.replaceFirst(" ", "T") : text;
      return iso.endsWith("Z")
          ? Instant.parse(iso)
          : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
