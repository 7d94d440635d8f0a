package io.tocsin.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CloudTrail records of the documented shape for stateful-detector tests: console sign-ins, calls
 * by IAM users, by assumed roles and by EC2 instance roles, each with a unique event ID.
 */
public final class TrailRecords {

  /** The account every record is in. */
  public static final String ACCOUNT = "111122223333";

  private final AtomicLong ids = new AtomicLong();

  /** An IAM user's console sign-in at {@code at}, with or without MFA. */
  public CloudTrailEvent consoleLogin(String user, boolean mfa, Instant at) {
    return record(
        """
        {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDA%1$s",
         "arn":"arn:aws:iam::%2$s:user/%1$s","accountId":"%2$s","userName":"%1$s"},
         "eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1",
         "sourceIPAddress":"198.51.100.23",
         "userAgent":"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
         "requestParameters":null,"responseElements":{"ConsoleLogin":"Success"},
         "additionalEventData":{"LoginTo":"https://console.aws.amazon.com/console/home",
           "MobileVersion":"No","MFAUsed":"%3$s"},
         "readOnly":false,"eventType":"AwsConsoleSignIn","managementEvent":true,
         "recipientAccountId":"%2$s","eventCategory":"Management"}
        """
            .formatted(user, ACCOUNT, mfa ? "Yes" : "No"),
        at);
  }

  /** An IAM user's console-session call of {@code source}'s {@code name} at {@code at}. */
  public CloudTrailEvent userCall(
      String user, String source, String name, String params, Instant at) {
    return call(
        """
        {"type":"IAMUser","principalId":"AIDA%1$s","arn":"arn:aws:iam::%2$s:user/%1$s",
         "accountId":"%2$s","accessKeyId":"ASIAY34FZKBOKMUTVV7A","userName":"%1$s",
         "sessionContext":{"attributes":{"creationDate":"2024-05-01T12:00:05Z",
           "mfaAuthenticated":"false"}}}
        """
            .formatted(user, ACCOUNT),
        source,
        name,
        params,
        "198.51.100.23",
        at);
  }

  /** A call by the role session {@code role}/{@code session} with access key {@code key}. */
  public CloudTrailEvent roleCall(
      String role,
      String session,
      String key,
      String source,
      String name,
      String params,
      String ip,
      Instant at) {
    return call(
        """
        {"type":"AssumedRole","principalId":"AROAEXAMPLE%1$s:%2$s",
         "arn":"arn:aws:sts::%4$s:assumed-role/%1$s/%2$s","accountId":"%4$s","accessKeyId":"%3$s",
         "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE%1$s",
           "arn":"arn:aws:iam::%4$s:role/%1$s","accountId":"%4$s","userName":"%1$s"},
           "attributes":{"creationDate":"2024-05-01T11:00:00Z","mfaAuthenticated":"false"}}}
        """
            .formatted(role, session, key, ACCOUNT),
        source,
        name,
        params,
        ip,
        at);
  }

  private CloudTrailEvent call(
      String identity, String source, String name, String params, String ip, Instant at) {
    boolean readOnly =
        name.startsWith("Get") || name.startsWith("List") || name.startsWith("Describe");
    return record(
        """
        {"eventVersion":"1.09","userIdentity":%s,"eventSource":"%s","eventName":"%s",
         "awsRegion":"us-east-1","sourceIPAddress":"%s","userAgent":"aws-cli/2.15.30 Python/3.11.8",
         "requestParameters":%s,"responseElements":null,"readOnly":%s,"eventType":"AwsApiCall",
         "managementEvent":true,"recipientAccountId":"%s","eventCategory":"Management"}
        """
            .formatted(identity, source, name, ip, params, readOnly, ACCOUNT),
        at);
  }

  private CloudTrailEvent record(String json, Instant at) {
    try {
      ObjectNode event = (ObjectNode) Json.MAPPER.readTree(json);
      String id = "trail-" + ids.incrementAndGet();
      event.put("eventTime", at.toString());
      event.put("eventID", id);
      event.put("requestID", id);
      return CloudTrailEvents.of(event, id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
