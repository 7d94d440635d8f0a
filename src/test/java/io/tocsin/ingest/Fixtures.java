package io.tocsin.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Test data from {@code src/test/resources/ingest/} and builders for the records AWS writes. */
public final class Fixtures {

  private Fixtures() {}

  /** A resource under {@code ingest/} as JSON. */
  public static JsonNode json(String path) {
    try (InputStream in = open(path)) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each line of a JSON-lines resource under {@code ingest/}. */
  public static List<JsonNode> jsonLines(String path) {
    try (InputStream in = open(path)) {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          lines.add(Json.MAPPER.readTree(line));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 479 CloudTrail events of Panther's rule tests, in file order. */
  public static List<JsonNode> pantherEvents() {
    return jsonLines("cloudtrail/panther-rule-tests.jsonl").stream()
        .map(line -> line.get("event"))
        .toList();
  }

  /** A DATA_MESSAGE envelope with one log event per message, ids {@code 0..n-1}, time 1000+i. */
  public static ObjectNode dataMessage(String logGroup, List<String> messages) {
    ObjectNode envelope = Json.MAPPER.createObjectNode();
    envelope.put("messageType", "DATA_MESSAGE");
    envelope.put("owner", "123456789012");
    envelope.put("logGroup", logGroup);
    envelope.put("logStream", "stream-1");
    envelope.putArray("subscriptionFilters").add("tocsin");
    ArrayNode events = envelope.putArray("logEvents");
    for (int i = 0; i < messages.size(); i++) {
      events
          .addObject()
          .put("id", Integer.toString(i))
          .put("timestamp", 1000L + i)
          .put("message", messages.get(i));
    }
    return envelope;
  }

  /** An EventBridge "AWS API Call via CloudTrail" envelope around {@code detail}. */
  public static ObjectNode eventBridge(String detailType, JsonNode detail) {
    ObjectNode envelope = Json.MAPPER.createObjectNode();
    envelope.put("version", "0");
    envelope.put("id", "7bf73129-1428-4cd3-a780-95db273d1602");
    envelope.put("detail-type", detailType);
    envelope.put("source", "aws.iam");
    envelope.put("account", "999999999999");
    envelope.put("time", "2024-03-01T10:00:00Z");
    envelope.put("region", "eu-west-1");
    envelope.putArray("resources");
    envelope.set("detail", detail);
    return envelope;
  }

  /** JSON as UTF-8 bytes. */
  public static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Gzip of {@code data}, as CloudWatch Logs writes subscription records. */
  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Gzip of the JSON {@code node}. */
  public static byte[] gzip(JsonNode node) {
    return gzip(bytes(node));
  }

  private static InputStream open(String path) {
    InputStream in = Fixtures.class.getResourceAsStream("/ingest/" + path);
    if (in == null) {
      throw new IllegalArgumentException("no test resource ingest/" + path);
    }
    return in;
  }
}
