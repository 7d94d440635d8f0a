package io.tocsin.ingest.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes a CloudWatch Logs subscription envelope (already inflated): a {@code DATA_MESSAGE} yields
 * one {@link LogEvent} per {@code logEvents[]} entry, except messages that are CloudTrail events (a
 * trail's log group), which become CloudTrail events; a {@code CONTROL_MESSAGE} is only counted.
 *
 * <p>A field of the wrong type anywhere in the envelope rejects the whole record ({@code
 * bad_field}), so the dead letter holds the record exactly as it arrived. {@code timestamp} may be
 * a number or a string of digits (Firehose-era fixtures write it as a string); a log event without
 * one gets the time it was decoded, rather than losing its message.
 */
final class CloudWatchLogsEnvelope {

  private static final byte[] FIRST_NAME = "\"messageType\"".getBytes(StandardCharsets.US_ASCII);

  private CloudWatchLogsEnvelope() {}

  /**
   * Decodes {@code bytes} into {@code out} if they are a JSON object whose first field is {@code
   * messageType}, as CloudWatch Logs writes it, reading them as a token stream instead of a tree;
   * returns whether they were. A record-level problem is thrown.
   */
  static boolean decode(byte[] bytes, SourcePosition source, ResultBuilder out)
      throws DecodeFailure {
    if (!opensWithMessageType(bytes)) {
      return false;
    }
    JsonInput.checkUtf8(bytes);
    EnvelopeFields fields;
    try (JsonParser p = JsonInput.parser(bytes)) {
      p.nextToken();
      p.nextToken();
      fields = EnvelopeFields.read(p, out.now().toEpochMilli());
      if (p.nextToken() != null) {
        throw JsonInput.malformed(bytes, new IOException("tokens after the object"));
      }
    } catch (IOException e) {
      throw JsonInput.malformed(bytes, e);
    }
    decode(fields, source, out);
    return true;
  }

  /** Whether {@code bytes} start {@code {"messageType"}, JSON whitespace aside. */
  private static boolean opensWithMessageType(byte[] bytes) {
    int i = skipWhitespace(bytes, 0);
    if (i == bytes.length || bytes[i] != '{') {
      return false;
    }
    i = skipWhitespace(bytes, i + 1);
    return i + FIRST_NAME.length <= bytes.length
        && Arrays.equals(bytes, i, i + FIRST_NAME.length, FIRST_NAME, 0, FIRST_NAME.length);
  }

  private static int skipWhitespace(byte[] bytes, int from) {
    int i = from;
    while (i < bytes.length
        && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
      i++;
    }
    return i;
  }

  /** Whether {@code root}, an object parsed whole, is a subscription envelope. */
  static boolean claims(ObjectNode root) {
    return root.has("messageType");
  }

  /** Decodes {@code root}, an envelope parsed whole, into {@code out}. */
  static void decode(ObjectNode root, SourcePosition source, ResultBuilder out)
      throws DecodeFailure {
    try (JsonParser p = root.traverse()) {
      p.nextToken();
      decode(EnvelopeFields.read(p, out.now().toEpochMilli()), source, out);
    } catch (IOException e) {
      throw new IllegalStateException("reading a tree failed", e);
    }
  }

  private static void decode(EnvelopeFields fields, SourcePosition source, ResultBuilder out)
      throws DecodeFailure {
    String type = fields.messageType().require("messageType");
    if ("CONTROL_MESSAGE".equals(type)) {
      out.controlMessage();
      return;
    }
    if (!"DATA_MESSAGE".equals(type)) {
      throw new DecodeFailure(
          ReasonCode.UNKNOWN_SHAPE,
          "messageType: expected DATA_MESSAGE or CONTROL_MESSAGE, got '" + type + "'");
    }
    String owner = fields.owner().require("owner");
    String logGroup = fields.logGroup().require("logGroup");
    String logStream = fields.logStream().require("logStream");
    List<EnvelopeFields.Entry> entries = fields.entries();
    List<LogEvent> logs = new ArrayList<>(entries.size());
    for (EnvelopeFields.Entry e : entries) {
      logs.add(
          new LogEvent(owner, logGroup, logStream, e.id(), e.timestamp(), e.message(), source));
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
}
