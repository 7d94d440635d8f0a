package io.tocsin.sample;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Json;
import io.tocsin.model.LogEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Encodes events as AWS puts them on Kinesis: log events as gzip'd CloudWatch Logs subscription
 * envelopes (DATA_MESSAGE, one per log group and stream, at most {@link #EVENTS_PER_ENVELOPE}
 * events), CloudTrail events as EventBridge envelopes ("AWS API Call via CloudTrail"), and
 * EventBridge-only events (CloudFormation status changes) as they are.
 */
public final class KinesisRecords {

  /** Most log events in one envelope (CloudWatch Logs batches similarly). */
  static final int EVENTS_PER_ENVELOPE = 500;

  private KinesisRecords() {}

  /** A Kinesis record's partition key and data. */
  public record Entry(String partitionKey, byte[] data, int events) {}

  /** The subscription records for {@code events}, grouped by log group and stream. */
  public static List<Entry> cloudWatchLogs(List<LogEvent> events, String filterName) {
    Map<String, List<LogEvent>> byStream = new LinkedHashMap<>();
    for (LogEvent e : events) {
      byStream.computeIfAbsent(e.logGroup() + "\n" + e.logStream(), k -> new ArrayList<>()).add(e);
    }
    List<Entry> entries = new ArrayList<>();
    for (List<LogEvent> stream : byStream.values()) {
      for (int from = 0; from < stream.size(); from += EVENTS_PER_ENVELOPE) {
        List<LogEvent> chunk =
            stream.subList(from, Math.min(stream.size(), from + EVENTS_PER_ENVELOPE));
        entries.add(
            new Entry(chunk.get(0).logGroup(), gzip(envelope(chunk, filterName)), chunk.size()));
      }
    }
    return entries;
  }

  /**
   * The EventBridge record for a CloudTrail event; an event that is an EventBridge envelope already
   * (it has a {@code detail-type}) goes as it is.
   */
  public static Entry eventBridge(CloudTrailEvent event) {
    if (event.event().has("detail-type")) {
      return new Entry(event.account(), bytes((ObjectNode) event.event()), 1);
    }
    ObjectNode envelope = Json.MAPPER.createObjectNode();
    envelope.put("version", "0");
    envelope.put("id", event.eventId());
    envelope.put(
        "detail-type",
        event.eventName().equals("ConsoleLogin")
            ? "AWS Console Sign In via CloudTrail"
            : "AWS API Call via CloudTrail");
    envelope.put("source", "aws." + event.eventSource().replace(".amazonaws.com", ""));
    envelope.put("account", event.account());
    envelope.put("time", event.eventTime().toString());
    envelope.put("region", event.region());
    envelope.putArray("resources");
    envelope.set("detail", event.event());
    return new Entry(event.account(), bytes(envelope), 1);
  }

  private static ObjectNode envelope(List<LogEvent> events, String filterName) {
    LogEvent first = events.get(0);
    ObjectNode envelope = Json.MAPPER.createObjectNode();
    envelope.put("messageType", "DATA_MESSAGE");
    envelope.put("owner", first.owner());
    envelope.put("logGroup", first.logGroup());
    envelope.put("logStream", first.logStream());
    envelope.putArray("subscriptionFilters").add(filterName);
    ArrayNode logEvents = envelope.putArray("logEvents");
    for (LogEvent e : events) {
      logEvents
          .addObject()
          .put("id", e.id())
          .put("timestamp", e.timestamp())
          .put("message", e.message());
    }
    return envelope;
  }

  private static byte[] gzip(ObjectNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return Json.MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
