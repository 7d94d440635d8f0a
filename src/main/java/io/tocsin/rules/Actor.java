package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who made a CloudTrail call, from where and with what, as allow-lists, conditions and alert
 * enrichment need it. Any field may be {@code null}.
 *
 * @param arn {@code userIdentity.arn}
 * @param type {@code IAMUser}, {@code AssumedRole}, {@code Root}, {@code AWSService}, …
 * @param account the actor's account ({@code userIdentity.accountId})
 * @param name an IAM user's name or an assumed role's session name (from the ARN)
 * @param sessionIssuer for assumed roles, the role's ARN
 * @param invokedBy the AWS service that called on the actor's behalf
 * @param mfa whether MFA was used (console sign-in or session attribute); {@code null} = unknown
 * @param accessKeyId the access key used
 * @param sourceIp {@code sourceIPAddress}: an address, or a service name for AWS-internal calls
 * @param userAgent {@code userAgent}
 */
public record Actor(
    String arn,
    String type,
    String account,
    String name,
    String sessionIssuer,
    String invokedBy,
    Boolean mfa,
    String accessKeyId,
    String sourceIp,
    String userAgent) {

  /** The actor of the CloudTrail event {@code event}. */
  public static Actor of(JsonNode event) {
    JsonNode identity = event.path("userIdentity");
    JsonNode session = identity.path("sessionContext");
    String arn = text(identity.path("arn"));
    String type = text(identity.path("type"));
    return new Actor(
        arn,
        type,
        text(identity.path("accountId")),
        name(type, arn, text(identity.path("userName"))),
        text(session.path("sessionIssuer").path("arn")),
        text(identity.path("invokedBy")),
        mfa(event, session),
        text(identity.path("accessKeyId")),
        text(event.path("sourceIPAddress")),
        text(event.path("userAgent")));
  }

  /** The text of a value node, or {@code null} when absent, not a value, or empty. */
  static String text(JsonNode node) {
    return node.isValueNode() && !node.isNull() && !node.asText().isEmpty() ? node.asText() : null;
  }

  private static String name(String type, String arn, String userName) {
    if (arn != null
        && (arn.contains(":user/") || arn.contains(":assumed-role/"))
        && !arn.endsWith("/")) {
      return arn.substring(arn.lastIndexOf('/') + 1);
    }
    return "Root".equals(type) ? null : userName;
  }

  private static Boolean mfa(JsonNode event, JsonNode session) {
    String used = text(event.path("additionalEventData").path("MFAUsed"));
    if (used != null) {
      return used.equalsIgnoreCase("Yes");
    }
    String authenticated = text(session.path("attributes").path("mfaAuthenticated"));
    return authenticated == null ? null : authenticated.equalsIgnoreCase("true");
  }
}
