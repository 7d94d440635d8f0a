package io.tocsin.rules.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.testing.CloudTrailEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The written test cases of the SigmaHQ rules ({@code src/test/resources/sigma/cases.jsonl}): each
 * laid over a realistic CloudTrail record of an IAM user, with the caller replaced when the case
 * names another kind of actor.
 */
record SigmaCases(
    String rule,
    String name,
    boolean fires,
    String actor,
    int repeat,
    Duration every,
    String vary,
    JsonNode event) {

  static final Path SIGMA = Path.of("src/test/resources/sigma/sigmahq");
  static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE =
      """
      {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLEALICE",
       "arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333",
       "accessKeyId":"AKIAEXAMPLEALICE","userName":"alice"},
       "eventTime":"2026-11-30T10:00:00Z","eventSource":"iam.amazonaws.com","eventName":"GetUser",
       "awsRegion":"us-east-1","sourceIPAddress":"203.0.113.10",
       "userAgent":"aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0 exe/x86_64.debian.12",
       "requestParameters":null,"responseElements":null,
       "requestID":"7f1c2a9e-0d3b-4b6e-9c1a-2f4e5d6a7b8c","eventID":"e-0",
       "readOnly":false,"eventType":"AwsApiCall","managementEvent":true,
       "recipientAccountId":"111122223333","eventCategory":"Management"}""";
  private static final Map<String, String> ACTORS =
      Map.of(
          "assumed-role",
          """
          {"type":"AssumedRole","principalId":"AROAEXAMPLEDEPLOY:ci-run-42",
           "arn":"arn:aws:sts::111122223333:assumed-role/deploy/ci-run-42",
           "accountId":"111122223333","accessKeyId":"ASIAEXAMPLEDEPLOY",
           "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLEDEPLOY",
             "arn":"arn:aws:iam::111122223333:role/deploy","accountId":"111122223333",
             "userName":"deploy"},"attributes":{"creationDate":"2026-11-30T09:55:00Z",
             "mfaAuthenticated":"false"}}}""",
          "federated",
          """
          {"type":"FederatedUser","principalId":"111122223333:mallory",
           "arn":"arn:aws:sts::111122223333:federated-user/mallory","accountId":"111122223333",
           "accessKeyId":"ASIAEXAMPLEFED","sessionContext":{"sessionIssuer":{"type":"IAMUser",
             "principalId":"AIDAEXAMPLEALICE","arn":"arn:aws:iam::111122223333:user/alice",
             "accountId":"111122223333","userName":"alice"}}}""",
          "saml",
          """
          {"type":"SAMLUser","principalId":"SAMPLE:alice@example.com","userName":"alice@example.com",
           "identityProvider":"arn:aws:iam::111122223333:saml-provider/okta"}""",
          "root",
          """
          {"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root",
           "accountId":"111122223333","accessKeyId":"ASIAEXAMPLEROOT"}""");

  /** Every case of the file. */
  static List<SigmaCases> all() {
    List<SigmaCases> cases = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("src/test/resources/sigma/cases.jsonl"))) {
        JsonNode c = JSON.readTree(line);
        cases.add(
            new SigmaCases(
                c.path("rule").asText(),
                c.path("name").asText(),
                c.path("fires").asBoolean(),
                c.path("actor").asText(null),
                c.path("repeat").asInt(1),
                Duration.parse("PT" + c.path("every").asText("1s").toUpperCase()),
                c.path("vary").asText(null),
                c.path("event")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  /** The tocsin id of this case's rule. */
  String ruleId() {
    return "sigma-" + rule.replace('_', '-');
  }

  /** The events of the case: {@code repeat} of them, {@code every} apart. */
  List<CloudTrailEvent> events() {
    List<CloudTrailEvent> events = new ArrayList<>();
    for (int i = 0; i < repeat; i++) {
      ObjectNode json = record();
      Instant at = T0.plus(every.multipliedBy(i));
      json.put("eventTime", at.toString());
      json.put("eventID", rule + "-" + i);
      if (vary != null) {
        json.put(vary, json.path(vary).asText() + "-" + i);
      }
      events.add(CloudTrailEvents.of(json, rule + "-" + i));
    }
    return events;
  }

  private ObjectNode record() {
    try {
      ObjectNode json = (ObjectNode) JSON.readTree(BASE);
      if (actor != null) {
        json.set("userIdentity", JSON.readTree(ACTORS.get(actor)));
      }
      return (ObjectNode) JSON.readerForUpdating(json).readValue(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return rule + ": " + name;
  }
}
