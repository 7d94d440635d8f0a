package io.tocsin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Json;
import io.tocsin.rules.Actor;
import io.tocsin.rules.PolicyDocument;
import io.tocsin.rules.Verdict;
import java.util.List;
import java.util.Map;

/**
 * The enrichment an analyst needs on first sight of a CloudTrail alert, put in the alert's {@code
 * context}: the actor (ARN, type, session issuer, MFA), where from, the account and region, the
 * target resources, the request parameters with policy documents decoded, what the rule's
 * conditions found, and the event IDs.
 */
final class SecurityContext {

  /** Request parameters larger than this (as JSON text) are listed by key only. */
  static final int MAX_PARAMETER_CHARS = 16_384;

  /** Request parameter → kind of target resource, in the order they are listed. */
  private static final List<Map.Entry<String, String>> TARGETS =
      List.of(
          Map.entry("userName", "user"),
          Map.entry("roleName", "role"),
          Map.entry("groupName", "group"),
          Map.entry("policyArn", "policy"),
          Map.entry("policyName", "inline-policy"),
          Map.entry("bucketName", "bucket"),
          Map.entry("keyId", "kms-key"),
          Map.entry("trailName", "trail"),
          Map.entry("detectorId", "guardduty-detector"),
          Map.entry("configurationRecorderName", "config-recorder"),
          Map.entry("deliveryChannelName", "config-delivery-channel"),
          Map.entry("stackName", "stack"),
          Map.entry("repositoryName", "ecr-repository"),
          Map.entry("queueUrl", "sqs-queue"),
          Map.entry("topicArn", "sns-topic"),
          Map.entry("secretId", "secret"),
          Map.entry("domainName", "opensearch-domain"),
          Map.entry("fileSystemId", "efs-file-system"),
          Map.entry("backupVaultName", "backup-vault"),
          Map.entry("serialNumber", "mfa-device"));

  private SecurityContext() {}

  /** The context of {@code event} for a rule that decided {@code verdict}. */
  static ObjectNode of(CloudTrailEvent event, Verdict verdict) {
    JsonNode e = event.event();
    ObjectNode context = Json.MAPPER.createObjectNode();
    if (e.has("userIdentity")) {
      context.set("actor", actor(Actor.of(e)));
    }
    putText(context, "sourceIp", e.path("sourceIPAddress"));
    putText(context, "userAgent", e.path("userAgent"));
    put(context, "account", event.account());
    put(context, "region", event.region());
    put(context, "eventSource", event.eventSource());
    put(context, "eventName", event.eventName());
    putText(context, "errorCode", e.path("errorCode"));
    putText(context, "errorMessage", e.path("errorMessage"));
    ArrayNode targets = targets(event);
    if (!targets.isEmpty()) {
      context.set("targets", targets);
    }
    JsonNode parameters = e.path("requestParameters");
    if (parameters.isObject()) {
      context.set("requestParameters", decoded((ObjectNode) parameters));
    }
    if (e.path("detail").isObject()) {
      context.set("detail", e.get("detail"));
    }
    if (!verdict.evidence().isEmpty()) {
      context.set("evidence", Json.MAPPER.valueToTree(verdict.evidence()));
    }
    ArrayNode ids = context.putArray("eventIds");
    if (event.eventId() != null) {
      ids.add(event.eventId());
    }
    return context;
  }

  private static ObjectNode actor(Actor actor) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    put(node, "arn", actor.arn());
    put(node, "type", actor.type());
    put(node, "account", actor.account());
    put(node, "name", actor.name());
    put(node, "sessionIssuer", actor.sessionIssuer());
    put(node, "invokedBy", actor.invokedBy());
    if (actor.mfa() != null) {
      node.put("mfaUsed", actor.mfa());
    }
    put(node, "accessKeyId", actor.accessKeyId());
    return node;
  }

  private static ArrayNode targets(CloudTrailEvent event) {
    ArrayNode targets = Json.MAPPER.createArrayNode();
    JsonNode parameters = event.event().path("requestParameters");
    for (Map.Entry<String, String> target : TARGETS) {
      JsonNode value = parameters.path(target.getKey());
      if (value.isTextual() && !value.asText().isEmpty()) {
        targets.addObject().put("type", target.getValue()).put("name", value.asText());
      }
    }
    if ("cloudtrail.amazonaws.com".equals(event.eventSource()) && parameters.has("name")) {
      targets.addObject().put("type", "trail").put("name", parameters.path("name").asText());
    }
    JsonNode stack = event.event().path("detail").path("stack-id");
    if (stack.isTextual()) {
      targets.addObject().put("type", "stack").put("name", stack.asText());
    }
    return targets;
  }

  /** The parameters with every policy document decoded, or their keys alone when too large. */
  private static JsonNode decoded(ObjectNode parameters) {
    ObjectNode copy = parameters.deepCopy();
    for (Map.Entry<String, JsonNode> field : parameters.properties()) {
      if (field.getValue().isTextual()) {
        JsonNode document = PolicyDocument.decode(field.getValue());
        if (document != null) {
          copy.set(field.getKey(), document);
        }
      }
    }
    if (copy.toString().length() <= MAX_PARAMETER_CHARS) {
      return copy;
    }
    ObjectNode keys = Json.MAPPER.createObjectNode().put("truncated", true);
    parameters.fieldNames().forEachRemaining(keys.putArray("keys")::add);
    return keys;
  }

  private static void putText(ObjectNode context, String field, JsonNode value) {
    if (value.isValueNode() && !value.isNull()) {
      context.put(field, value.asText());
    }
  }

  /** Sets {@code field} unless {@code value} is absent: the context never holds JSON nulls. */
  private static void put(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
