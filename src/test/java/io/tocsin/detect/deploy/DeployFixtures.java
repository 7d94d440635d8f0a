package io.tocsin.detect.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Json;
import io.tocsin.model.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;

/** Deploying CloudTrail calls and CloudFormation status changes, as ingest publishes them. */
final class DeployFixtures {

  static final String ACCOUNT = "123456789012";
  static final String REGION = "eu-west-1";
  private static final JsonNode CALLS = load();

  private DeployFixtures() {}

  /** The CloudTrail record {@code name} of src/test/resources/deploy/cloudtrail-deploys.json. */
  static ObjectNode call(String name) {
    JsonNode call = CALLS.get(name);
    if (call == null) {
      throw new IllegalArgumentException("no CloudTrail record '" + name + "' in the fixtures");
    }
    return call.deepCopy();
  }

  /** {@code call} as ingest maps a CloudTrail record. */
  static CloudTrailEvent trail(ObjectNode call) {
    return new CloudTrailEvent(
        call.path("eventID").asText(),
        Instant.parse(call.path("eventTime").asText()),
        call.path("eventSource").asText(),
        call.path("eventName").asText(),
        ACCOUNT,
        REGION,
        "cloudtrail",
        call,
        SourcePosition.file("cloudtrail-deploys.json", 0));
  }

  /** The fixture {@code name} stamped at {@code at} with a unique event id. */
  static CloudTrailEvent trail(String name, Instant at, String eventId) {
    ObjectNode call = call(name);
    call.put("eventTime", at.toString());
    call.put("eventID", eventId);
    return trail(call);
  }

  /** A PublishVersion of {@code function} as {@code version}, at {@code at}. */
  static CloudTrailEvent publishVersion(
      String function, String version, Instant at, String eventId) {
    ObjectNode call = call("publishVersion");
    call.put("eventTime", at.toString()).put("eventID", eventId);
    ((ObjectNode) call.path("requestParameters")).put("functionName", function);
    ((ObjectNode) call.path("responseElements"))
        .put("functionName", function)
        .put("version", version);
    return trail(call);
  }

  /**
   * A three-call Lambda release of {@code function} as CI tools make it: UpdateFunctionCode at
   * {@code at} (event id {@code eventId}), PublishVersion {@code version} 2 s later and UpdateAlias
   * {@code live} to it 2 s after that (event ids suffixed {@code -version} and {@code -alias}).
   */
  static java.util.List<CloudTrailEvent> release(
      String function, String version, Instant at, String eventId) {
    ObjectNode code = call("updateFunctionCode");
    code.put("eventTime", at.toString()).put("eventID", eventId);
    ((ObjectNode) code.path("requestParameters")).put("functionName", function);
    ((ObjectNode) code.path("responseElements")).put("functionName", function);
    ObjectNode alias = call("updateAlias");
    alias.put("eventTime", at.plusSeconds(4).toString()).put("eventID", eventId + "-alias");
    ((ObjectNode) alias.path("requestParameters"))
        .put("functionName", function)
        .put("functionVersion", version);
    ((ObjectNode) alias.path("responseElements")).put("functionVersion", version);
    return java.util.List.of(
        trail(code),
        publishVersion(function, version, at.plusSeconds(2), eventId + "-version"),
        trail(alias));
  }

  /**
   * An EventBridge CloudFormation status change as ingest keeps it: the stack's own ({@code
   * logicalId} null) or a resource's.
   */
  static CloudTrailEvent stackStatus(
      String id,
      Instant at,
      String stack,
      String logicalId,
      String physicalId,
      String type,
      String status,
      String reason) {
    ObjectNode envelope = Json.MAPPER.createObjectNode();
    String detailType = logicalId == null ? StackEvent.STACK_STATUS : StackEvent.RESOURCE_STATUS;
    envelope.put("version", "0").put("id", id).put("detail-type", detailType);
    envelope.put("source", "aws.cloudformation").put("account", ACCOUNT);
    envelope.put("time", at.toString()).put("region", REGION);
    String stackId =
        "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + stack + "/0b1c";
    envelope.putArray("resources").add(stackId);
    ObjectNode detail = envelope.putObject("detail");
    detail.put("stack-id", stackId);
    if (logicalId != null) {
      detail.put("logical-resource-id", logicalId);
      detail.put("physical-resource-id", physicalId);
      detail.put("resource-type", type);
    }
    ObjectNode statusDetails = detail.putObject("status-details").put("status", status);
    if (reason != null) {
      statusDetails.put("status-reason", reason);
    }
    return new CloudTrailEvent(
        id,
        at,
        "cloudformation.amazonaws.com",
        detailType,
        ACCOUNT,
        REGION,
        "eventbridge",
        envelope,
        SourcePosition.file("eventbridge", 0));
  }

  private static JsonNode load() {
    try {
      return Json.MAPPER.readTree(
          Path.of("src/test/resources/deploy/cloudtrail-deploys.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
