package io.tocsin.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a CloudWatch Logs subscription envelope (already inflated and parsed): a {@code
 * DATA_MESSAGE} yields one {@link LogEvent} per {@code logEvents[]} entry, except messages that are
 * CloudTrail events (a trail's log group), which become CloudTrail events; a {@code
 * CONTROL_MESSAGE} is only counted.
 *
 * <p>A field of the wrong type anywhere in the envelope rejects the whole record ({@code
 * bad_field}), so the dead letter holds the record exactly as it arrived. {@code timestamp} may be
 * a number or a string of digits (Firehose-era fixtures write it as a string); a log event without
 * one gets the time it was decoded, rather than losing its message.
 */
final class CloudWatchLogsEnvelope {

  private CloudWatchLogsEnvelope() {}

  /** Whether {@code root} is a subscription envelope. */
  static boolean claims(ObjectNode root) {
    return root.has("messageType");
  }

  /** Decodes {@code root} into {@code out}; a record-level problem is thrown. */
  static void decode(ObjectNode root, SourcePosition source, ResultBuilder out)
      throws DecodeFailure {
    String type = text(root, "messageType");
    if ("CONTROL_MESSAGE".equals(type)) {
      out.controlMessage();
      return;
    }
    if (!"DATA_MESSAGE".equals(type)) {
      throw new DecodeFailure(
          ReasonCode.UNKNOWN_SHAPE,
          "messageType: expected DATA_MESSAGE or CONTROL_MESSAGE, got '" + type + "'");
    }
    String owner = text(root, "owner");
    String logGroup = text(root, "logGroup");
    String logStream = text(root, "logStream");
    JsonNode events = root.get("logEvents");
    if (events == null || !events.isArray()) {
      throw new DecodeFailure(ReasonCode.BAD_FIELD, "logEvents: expected an array");
    }
    List<LogEvent> logs = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      JsonNode event = events.get(i);
      String where = "logEvents[" + i + "]";
      if (!event.isObject()) {
        throw new DecodeFailure(ReasonCode.BAD_FIELD, where + ": expected an object");
      }
      logs.add(
          new LogEvent(
              owner,
              logGroup,
              logStream,
              text(event, "id", where),
              timestamp(event, where, out),
              text(event, "message", where),
              source));
    }
    for (LogEvent log : logs) {
      route(log, source, out);
    }
  }

  /** A trail's log group carries CloudTrail events as messages: send those to CloudTrail. */
  private static void route(LogEvent log, SourcePosition source, ResultBuilder out) {
    String message = log.message();
    if (!mightBeCloudTrail(message)) {
      out.log(log);
      return;
    }
    JsonNode parsed;
    try {
      parsed = JsonInput.parse(message);
    } catch (DecodeFailure notJson) {
      out.log(log);
      return;
    }
    if (!CloudTrailMapper.claims(parsed)) {
      out.log(log);
      return;
    }
    try {
      out.cloudTrail(CloudTrailMapper.fromCloudTrail(parsed, "cwl", source));
    } catch (DecodeFailure f) {
      out.deadLetter(
          f.reason(),
          "log event " + log.id() + " of " + log.logGroup() + ": " + f.getMessage(),
          message.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A cheap test that spares parsing ordinary log lines as JSON. */
  private static boolean mightBeCloudTrail(String message) {
    return !message.isEmpty()
        && message.stripLeading().startsWith("{")
        && message.contains("\"eventSource\"");
  }

  private static long timestamp(JsonNode event, String where, ResultBuilder out)
      throws DecodeFailure {
    JsonNode value = event.get("timestamp");
    if (value == null || value.isNull()) {
      return out.now().toEpochMilli();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isTextual() && value.textValue().matches("\\d{1,18}")) {
      return Long.parseLong(value.textValue());
    }
    throw new DecodeFailure(
        ReasonCode.BAD_FIELD,
        where + ".timestamp: expected epoch milliseconds, got " + describe(value));
  }

  private static String text(JsonNode node, String field) throws DecodeFailure {
    return text(node, field, "");
  }

  private static String text(JsonNode node, String field, String where) throws DecodeFailure {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      String path = where.isEmpty() ? field : where + "." + field;
      throw new DecodeFailure(
          ReasonCode.BAD_FIELD, path + ": expected a string, got " + describe(value));
    }
    return value.textValue();
  }

  private static String describe(JsonNode value) {
    if (value == null) {
      return "none";
    }
    String text = value.isValueNode() ? value.toString() : value.getNodeType().toString();
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
