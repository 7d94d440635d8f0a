package io.tocsin.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.EventTime;
import io.tocsin.model.SourcePosition;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Recognises CloudTrail events and maps them, and the EventBridge events tocsin keeps, to {@link
 * CloudTrailEvent}.
 *
 * <p>EventBridge mapping: a detail-type ending in {@code via CloudTrail} ({@code AWS API Call},
 * {@code AWS Console Sign In}, {@code AWS Service Event}, {@code AWS Console Action}) carries the
 * CloudTrail event as {@code detail}: that becomes {@code event}, and the envelope's {@code
 * account}, {@code region}, {@code time} and {@code id} fill in what the detail lacks. {@code
 * CloudFormation Stack Status Change} has no CloudTrail event: {@code eventSource} is {@code
 * cloudformation.amazonaws.com}, {@code eventName} the detail-type, {@code event} the whole
 * envelope, and id, time, account and region come from the envelope; so does {@code CloudFormation
 * Resource Status Change} (the deploy watch follows a stack's resources with it). Other
 * detail-types are {@code unsupported_event}.
 */
final class CloudTrailMapper {

  /** The account of an event that names none. */
  static final String UNKNOWN_ACCOUNT = "unknown";

  static final String CLOUDFORMATION_STACK_STATUS = "CloudFormation Stack Status Change";

  static final String CLOUDFORMATION_RESOURCE_STATUS = "CloudFormation Resource Status Change";

  private CloudTrailMapper() {}

  /**
   * Whether {@code node} claims to be a CloudTrail event: an object with both {@code eventName} and
   * {@code eventSource}. Every CloudTrail record has both; their types are checked on mapping.
   */
  static boolean claims(JsonNode node) {
    return node instanceof ObjectNode
        && present(node.get("eventName"))
        && present(node.get("eventSource"));
  }

  /** Maps a CloudTrail event that {@link #claims} it is one. */
  static CloudTrailEvent fromCloudTrail(JsonNode event, String envelope, SourcePosition source)
      throws DecodeFailure {
    return map(event, null, envelope, source);
  }

  /** Maps an EventBridge envelope (it has a {@code detail-type}). */
  static CloudTrailEvent fromEventBridge(ObjectNode envelope, SourcePosition source)
      throws DecodeFailure {
    String detailType = text(envelope, "detail-type");
    if (detailType != null && detailType.endsWith(" via CloudTrail")) {
      JsonNode detail = envelope.get("detail");
      if (!claims(detail)) {
        throw new DecodeFailure(
            ReasonCode.UNKNOWN_SHAPE,
            "EventBridge '" + detailType + "' whose detail is not a CloudTrail event");
      }
      return map(detail, envelope, "eventbridge", source);
    }
    if (CLOUDFORMATION_STACK_STATUS.equals(detailType)
        || CLOUDFORMATION_RESOURCE_STATUS.equals(detailType)) {
      return new CloudTrailEvent(
          text(envelope, "id"),
          time(envelope, "time"),
          "cloudformation.amazonaws.com",
          detailType,
          orUnknown(text(envelope, "account")),
          text(envelope, "region"),
          "eventbridge",
          envelope,
          source);
    }
    throw new DecodeFailure(
        ReasonCode.UNSUPPORTED_EVENT,
        "EventBridge detail-type '" + detailType + "' is not ingested");
  }

  private static CloudTrailEvent map(
      JsonNode event, ObjectNode bridge, String envelope, SourcePosition source)
      throws DecodeFailure {
    String eventName = text(event, "eventName");
    String eventSource = text(event, "eventSource");
    if (eventName == null || eventSource == null) {
      throw new DecodeFailure(ReasonCode.UNKNOWN_SHAPE, "no eventName and eventSource");
    }
    String account = text(event, "recipientAccountId");
    JsonNode identity = event.get("userIdentity");
    if (account == null && present(identity)) {
      if (!identity.isObject()) {
        throw new DecodeFailure(ReasonCode.BAD_FIELD, "userIdentity: expected an object");
      }
      account = text(identity, "accountId");
    }
    String eventId = text(event, "eventID");
    Instant eventTime = time(event, "eventTime");
    String region = text(event, "awsRegion");
    if (bridge != null) {
      account = account != null ? account : text(bridge, "account");
      region = region != null ? region : text(bridge, "region");
      eventTime = eventTime != null ? eventTime : time(bridge, "time");
      eventId = eventId != null ? eventId : text(bridge, "id");
    }
    return new CloudTrailEvent(
        eventId,
        eventTime,
        eventSource,
        eventName,
        orUnknown(account),
        region,
        envelope,
        event,
        source);
  }

  private static Instant time(JsonNode node, String field) throws DecodeFailure {
    String text = text(node, field);
    if (text == null) {
      return null;
    }
    try {
      return EventTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new DecodeFailure(
          ReasonCode.BAD_FIELD, field + ": expected an ISO-8601 time, got '" + text + "'");
    }
  }

  /** The text of {@code field}; {@code null} when absent or JSON null; a non-string fails. */
  private static String text(JsonNode node, String field) throws DecodeFailure {
    JsonNode value = node.get(field);
    if (!present(value)) {
      return null;
    }
    if (!value.isTextual()) {
      throw new DecodeFailure(
          ReasonCode.BAD_FIELD, field + ": expected a string, got " + value.getNodeType());
    }
    return value.textValue();
  }

  private static boolean present(JsonNode value) {
    return value != null && !value.isNull();
  }

  private static String orUnknown(String account) {
    return account == null || account.isEmpty() ? UNKNOWN_ACCOUNT : account;
  }
}
