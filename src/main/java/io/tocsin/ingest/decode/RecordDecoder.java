package io.tocsin.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one input record (a Kinesis record's data, or a line or file read by replay) into log
 * events, CloudTrail events and dead letters. It never throws: whatever cannot be decoded becomes a
 * dead letter with a {@link ReasonCode}.
 *
 * <p>Recognised, per record: gzip (or base64 text of gzip, {@code H4sI…}) is inflated first, up to
 * {@code maxInflatedBytes}; the JSON object is then
 *
 * <ul>
 *   <li>a CloudWatch Logs subscription envelope ({@code messageType}), see {@link
 *       CloudWatchLogsEnvelope};
 *   <li>a CloudTrail log file body ({@code {"Records": [...]}}): each element a CloudTrail event, a
 *       bad element dead-lettered alone with its own JSON as raw bytes (up to {@link
 *       #MAX_BAD_ELEMENTS}; past that the whole record is dead-lettered);
 *   <li>an EventBridge event ({@code detail-type}), see {@link CloudTrailMapper};
 *   <li>a single CloudTrail event ({@code eventName} and {@code eventSource}).
 * </ul>
 *
 * CloudTrail events whose eventID was seen within the {@link EventIdWindow} are dropped and
 * counted. Thread-safe: one decoder serves every shard.
 */
public final class RecordDecoder {

  /**
   * Default bound on a record's inflated size: 16 MiB. CloudWatch Logs puts at most about 1 MiB of
   * events in one subscription record and a Kinesis record is at most 10 MiB, so real input stays
   * far below it, while a gzip bomb is stopped after reading 16 MiB.
   */
  public static final int DEFAULT_MAX_INFLATED_BYTES = 16 * 1024 * 1024;

  /**
   * Most elements of one {@code Records} body dead-lettered one by one: 100. Past it the record is
   * dead-lettered whole, so that a small hostile record (a gzip of {@code {"Records":[0,0,…]}})
   * cannot turn into millions of dead letters.
   */
  public static final int MAX_BAD_ELEMENTS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(RecordDecoder.class);

  private final Clock clock;
  private final int maxInflatedBytes;
  private final EventIdWindow window;

  /** A decoder stamping dead letters with {@code clock}, de-duplicating through {@code window}. */
  public RecordDecoder(Clock clock, int maxInflatedBytes, EventIdWindow window) {
    if (maxInflatedBytes < 1) {
      throw new IllegalArgumentException("maxInflatedBytes must be positive");
    }
    this.clock = clock;
    this.maxInflatedBytes = maxInflatedBytes;
    this.window = window;
  }

  /** A decoder with the default bound and de-duplication window on the system clock. */
  public static RecordDecoder withDefaults() {
    return new RecordDecoder(
        Clock.systemUTC(), DEFAULT_MAX_INFLATED_BYTES, EventIdWindow.defaults());
  }

  /** Decodes {@code data}, read from {@code source}. Never throws. */
  public DecodeResult decode(byte[] data, SourcePosition source) {
    ResultBuilder out = new ResultBuilder(source, clock.instant());
    try {
      decodeInto(data, source, out);
    } catch (DecodeFailure f) {
      out.clear();
      out.deadLetter(f.reason(), f.getMessage(), data);
    } catch (RuntimeException bug) {
      LOG.error("decoder failed on the record at {}; dead-lettered", source, bug);
      out.clear();
      out.deadLetter(ReasonCode.DECODER_ERROR, bug.toString(), data);
    }
    return out.build(window);
  }

  /**
   * Forgets {@code eventIds} of CloudTrail events that were decoded but will not be published; see
   * {@link EventIdWindow#forget}.
   */
  public void forget(Collection<String> eventIds) {
    window.forget(eventIds);
  }

  private void decodeInto(byte[] data, SourcePosition source, ResultBuilder out)
      throws DecodeFailure {
    if (data.length == 0) {
      throw new DecodeFailure(ReasonCode.EMPTY, "the record has no bytes");
    }
    byte[] bytes = Gzip.isBase64Gzip(data) ? Gzip.fromBase64(data) : data;
    if (Gzip.isGzip(bytes)) {
      bytes = Gzip.inflate(bytes, maxInflatedBytes);
    } else if (bytes.length > maxInflatedBytes) {
      throw new DecodeFailure(
          ReasonCode.OVERSIZE,
          bytes.length + " bytes exceed the bound of " + maxInflatedBytes + " bytes");
    }
    if (CloudWatchLogsEnvelope.decode(bytes, source, out)) {
      return;
    }
    JsonNode root = JsonInput.parse(bytes);
    if (!(root instanceof ObjectNode object)) {
      throw new DecodeFailure(
          ReasonCode.UNKNOWN_SHAPE, "expected a JSON object, got " + root.getNodeType());
    }
    if (CloudWatchLogsEnvelope.claims(object)) {
      CloudWatchLogsEnvelope.decode(object, source, out);
    } else if (object.has("Records")) {
      records(object.get("Records"), source, out);
    } else if (object.has("detail-type")) {
      out.cloudTrail(CloudTrailMapper.fromEventBridge(object, source));
    } else if (CloudTrailMapper.claims(object)) {
      out.cloudTrail(CloudTrailMapper.fromCloudTrail(object, "cloudtrail", source));
    } else {
      throw new DecodeFailure(
          ReasonCode.UNKNOWN_SHAPE,
          "a JSON object with none of messageType, Records, detail-type or eventName+eventSource");
    }
  }

  private static void records(JsonNode records, SourcePosition source, ResultBuilder out)
      throws DecodeFailure {
    if (!records.isArray()) {
      throw new DecodeFailure(ReasonCode.BAD_FIELD, "Records: expected an array");
    }
    int bad = 0;
    for (int i = 0; i < records.size(); i++) {
      JsonNode event = records.get(i);
      try {
        if (!CloudTrailMapper.claims(event)) {
          throw new DecodeFailure(
              ReasonCode.UNKNOWN_SHAPE, "not a CloudTrail event (no eventName and eventSource)");
        }
        out.cloudTrail(CloudTrailMapper.fromCloudTrail(event, "cloudtrail", source));
      } catch (DecodeFailure f) {
        if (++bad > MAX_BAD_ELEMENTS) {
          throw new DecodeFailure(
              f.reason(),
              "more than "
                  + MAX_BAD_ELEMENTS
                  + " elements of Records are bad, the record is dead-lettered whole; Records["
                  + i
                  + "]: "
                  + f.getMessage());
        }
        out.deadLetter(f.reason(), "Records[" + i + "]: " + f.getMessage(), bytes(event));
      }
    }
  }

  private static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }
}
