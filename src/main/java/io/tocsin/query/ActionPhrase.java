package io.tocsin.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Alert;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in words who did what to which resource in a CloudTrail alert, from its {@code context}
 * (actor, eventName, targets, request parameters): "alice attached AdministratorAccess to user
 * bob". Common IAM and security calls have a template; any other call, or a template whose
 * parameters the event lacks, reads "alice called iam:AttachUserPolicy on bob".
 */
final class ActionPhrase {

  /** {@code {name}} in a template: the actor, a derived value or a request parameter. */
  private static final Pattern SLOT = Pattern.compile("\\{(\\w+)}");

  private static final Map<String, String> TEMPLATES =
      Map.ofEntries(
          Map.entry("AttachUserPolicy", "{actor} attached {policy} to user {userName}"),
          Map.entry("AttachRolePolicy", "{actor} attached {policy} to role {roleName}"),
          Map.entry("AttachGroupPolicy", "{actor} attached {policy} to group {groupName}"),
          Map.entry("DetachUserPolicy", "{actor} detached {policy} from user {userName}"),
          Map.entry("DetachRolePolicy", "{actor} detached {policy} from role {roleName}"),
          Map.entry("DetachGroupPolicy", "{actor} detached {policy} from group {groupName}"),
          Map.entry("PutUserPolicy", "{actor} put inline policy {policy} on user {userName}"),
          Map.entry("PutRolePolicy", "{actor} put inline policy {policy} on role {roleName}"),
          Map.entry("PutGroupPolicy", "{actor} put inline policy {policy} on group {groupName}"),
          Map.entry("CreatePolicyVersion", "{actor} created a new version of {policy}"),
          Map.entry("CreateUser", "{actor} created user {userName}"),
          Map.entry("DeleteUser", "{actor} deleted user {userName}"),
          Map.entry("CreateRole", "{actor} created role {roleName}"),
          Map.entry("DeleteRole", "{actor} deleted role {roleName}"),
          Map.entry(
              "UpdateAssumeRolePolicy", "{actor} changed the trust policy of role {roleName}"),
          Map.entry("AddUserToGroup", "{actor} added user {userName} to group {groupName}"),
          Map.entry("CreateAccessKey", "{actor} created an access key for user {userName}"),
          Map.entry("CreateLoginProfile", "{actor} gave user {userName} a console password"),
          Map.entry(
              "UpdateLoginProfile", "{actor} changed the console password of user {userName}"),
          Map.entry("DeactivateMFADevice", "{actor} deactivated the MFA device of user {userName}"),
          Map.entry("DeleteVirtualMFADevice", "{actor} deleted MFA device {serialNumber}"),
          Map.entry("ConsoleLogin", "{actor} signed in to the AWS console"),
          Map.entry("StopLogging", "{actor} stopped CloudTrail logging on trail {name}"),
          Map.entry("DeleteTrail", "{actor} deleted trail {name}"),
          Map.entry("UpdateTrail", "{actor} changed trail {name}"),
          Map.entry("DisableKey", "{actor} disabled KMS key {keyId}"),
          Map.entry("ScheduleKeyDeletion", "{actor} scheduled KMS key {keyId} for deletion"),
          Map.entry("PutBucketPolicy", "{actor} changed the policy of bucket {bucketName}"),
          Map.entry("DeleteBucketPolicy", "{actor} deleted the policy of bucket {bucketName}"),
          Map.entry("PutBucketAcl", "{actor} changed the ACL of bucket {bucketName}"),
          Map.entry(
              "DeleteBucketPublicAccessBlock",
              "{actor} removed the public access block of bucket {bucketName}"),
          Map.entry(
              "AuthorizeSecurityGroupIngress",
              "{actor} opened security group {groupId} to traffic"),
          Map.entry("DeleteDetector", "{actor} deleted GuardDuty detector {detectorId}"),
          Map.entry(
              "StopConfigurationRecorder",
              "{actor} stopped AWS Config recorder {configurationRecorderName}"),
          Map.entry(
              "DeleteConfigurationRecorder",
              "{actor} deleted AWS Config recorder {configurationRecorderName}"),
          Map.entry(
              "DeleteDeliveryChannel",
              "{actor} deleted AWS Config delivery channel {deliveryChannelName}"));

  private ActionPhrase() {}

  /** The phrase for {@code alert}, or {@code null} when its context names no CloudTrail call. */
  static String of(Alert alert) {
    JsonNode context = alert.context();
    if (context == null || !context.path("eventName").isTextual()) {
      return null;
    }
    String eventName = context.path("eventName").asText();
    String template = TEMPLATES.get(eventName);
    String phrase = template == null ? null : fill(template, context);
    if (phrase == null) {
      phrase = generic(context, eventName);
    }
    String error = text(context.path("errorCode"));
    return error == null ? phrase : phrase + " (failed: " + error + ")";
  }

  private static String fill(String template, JsonNode context) {
    Matcher slot = SLOT.matcher(template);
    StringBuilder out = new StringBuilder();
    while (slot.find()) {
      String value = value(slot.group(1), context);
      if (value == null) {
        return null;
      }
      slot.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    slot.appendTail(out);
    return out.toString();
  }

  private static String value(String name, JsonNode context) {
    JsonNode parameters = context.path("requestParameters");
    return switch (name) {
      case "actor" -> actor(context);
      case "policy" -> policy(parameters);
      case "name" -> lastSegment(text(parameters.path("name")));
      default -> text(parameters.path(name));
    };
  }

  private static String generic(JsonNode context, String eventName) {
    String source = text(context.path("eventSource"));
    String service =
        source == null ? "aws" : source.replaceFirst("\\.amazonaws\\.com$", "").replace('.', '-');
    String phrase = actor(context) + " called " + service + ":" + eventName;
    JsonNode target = context.path("targets").path(0);
    String name = text(target.path("name"));
    String type = text(target.path("type"));
    return name == null ? phrase : phrase + " on " + (type == null ? "" : type + " ") + name;
  }

  /** The actor's name, else its ARN, else its type; "the root user" for the root identity. */
  private static String actor(JsonNode context) {
    JsonNode actor = context.path("actor");
    if ("Root".equals(text(actor.path("type")))) {
      return "the root user";
    }
    String name = text(actor.path("name"));
    if (name != null) {
      return name;
    }
    String arn = text(actor.path("arn"));
    if (arn != null) {
      return arn;
    }
    String type = text(actor.path("type"));
    return type != null ? type : "someone";
  }

  private static String policy(JsonNode parameters) {
    String arn = text(parameters.path("policyArn"));
    return arn != null ? lastSegment(arn) : text(parameters.path("policyName"));
  }

  private static String lastSegment(String arnOrName) {
    return arnOrName == null ? null : arnOrName.substring(arnOrName.lastIndexOf('/') + 1);
  }

  private static String text(JsonNode node) {
    return node.isValueNode() && !node.isNull() && !node.asText().isBlank() ? node.asText() : null;
  }
}
