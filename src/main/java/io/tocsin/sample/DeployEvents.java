package io.tocsin.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Json;
import io.tocsin.model.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

/**
 * Builds the AWS events of a deploy in the shapes AWS emits them (times to the second, as AWS
 * stamps them): Lambda's CloudTrail API calls ({@code UpdateFunctionCode20150331v2}, {@code
 * PublishVersion20150331}, {@code UpdateAlias20150331}), CloudFormation's {@code UpdateStack} call,
 * and the EventBridge "Stack Status Change" and "Resource Status Change" events CloudFormation
 * sends while a stack changes.
 */
final class DeployEvents {

  static final String REGION = "us-east-1";
  static final String LAMBDA = "lambda.amazonaws.com";
  static final String CLOUDFORMATION = "cloudformation.amazonaws.com";
  static final String STACK_STATUS = "CloudFormation Stack Status Change";
  static final String RESOURCE_STATUS = "CloudFormation Resource Status Change";

  private static final SourcePosition SOURCE = new SourcePosition("sample", "tocsin-local", "", "");
  private static final String CLI_AGENT =
      "aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.8";
  private static final String PIPELINE_AGENT =
      "aws-sdk-java/2.25.40 Linux/5.10.219 OpenJDK_64-Bit_Server_VM/17.0.11 exec-env/AWS_ECS_EC2";

  private final Random random;

  /** Events whose ids and request ids come from {@code random}. */
  DeployEvents(Random random) {
    this.random = random;
  }

  /** {@code UpdateFunctionCode20150331v2}: the new code of {@code function}, on {@code $LATEST}. */
  CloudTrailEvent updateFunctionCode(Instant at, String function, String build, boolean byPerson) {
    ObjectNode event = apiCall(at, LAMBDA, "UpdateFunctionCode20150331v2", byPerson);
    event
        .putObject("requestParameters")
        .put("functionName", function)
        .put("s3Bucket", "orders-builds-" + SampleTraffic.ACCOUNT)
        .put("s3Key", function + "/" + build + ".zip")
        .put("publish", false)
        .put("dryRun", false);
    ObjectNode response = functionConfiguration(function, build, "$LATEST");
    response.put("lastUpdateStatus", "InProgress");
    event.set("responseElements", response);
    return wrap(at, event, LAMBDA, "UpdateFunctionCode20150331v2");
  }

  /** {@code PublishVersion20150331}: version {@code version} of {@code function}'s new code. */
  CloudTrailEvent publishVersion(
      Instant at, String function, String build, long version, boolean byPerson) {
    ObjectNode event = apiCall(at, LAMBDA, "PublishVersion20150331", byPerson);
    event
        .putObject("requestParameters")
        .put("functionName", function)
        .put("codeSha256", codeSha256(build))
        .put("description", "build " + build);
    ObjectNode response = functionConfiguration(function, build, Long.toString(version));
    response.put("lastUpdateStatus", "Successful");
    event.set("responseElements", response);
    return wrap(at, event, LAMBDA, "PublishVersion20150331");
  }

  /** {@code UpdateAlias20150331}: alias {@code live} of {@code function} now serves the version. */
  CloudTrailEvent updateAlias(Instant at, String function, long version, boolean byPerson) {
    ObjectNode event = apiCall(at, LAMBDA, "UpdateAlias20150331", byPerson);
    event
        .putObject("requestParameters")
        .put("functionName", function)
        .put("name", "live")
        .put("functionVersion", Long.toString(version));
    event
        .putObject("responseElements")
        .put("aliasArn", functionArn(function) + ":live")
        .put("name", "live")
        .put("functionVersion", Long.toString(version))
        .put("description", "")
        .put("revisionId", uuid());
    return wrap(at, event, LAMBDA, "UpdateAlias20150331");
  }

  /** {@code UpdateStack}: a change of {@code stack} from a new template. */
  CloudTrailEvent updateStack(Instant at, String stack, String stackId, String build) {
    ObjectNode event = apiCall(at, CLOUDFORMATION, "UpdateStack", false);
    ObjectNode request = event.putObject("requestParameters");
    request.put("stackName", stack);
    request.put(
        "templateURL",
        "https://orders-builds-" + SampleTraffic.ACCOUNT + ".s3.amazonaws.com/" + build + ".yaml");
    request.putArray("capabilities").add("CAPABILITY_IAM");
    event.putObject("responseElements").put("stackId", stackId);
    return wrap(at, event, CLOUDFORMATION, "UpdateStack");
  }

  /** EventBridge "CloudFormation Stack Status Change": {@code stack} entered {@code status}. */
  CloudTrailEvent stackStatus(Instant at, String stackId, String status, String reason) {
    ObjectNode envelope = bridgeEnvelope(at, STACK_STATUS, stackId);
    ObjectNode detail = envelope.putObject("detail");
    detail.put("stack-id", stackId);
    detail.putObject("status-details").put("status", status).put("status-reason", reason);
    detail.put("client-request-token", "");
    return wrap(at, envelope, CLOUDFORMATION, STACK_STATUS);
  }

  /** EventBridge "CloudFormation Resource Status Change" of one resource of a stack. */
  CloudTrailEvent resourceStatus(
      Instant at,
      String stackId,
      String logicalId,
      String physicalId,
      String type,
      String status,
      String reason) {
    ObjectNode envelope = bridgeEnvelope(at, RESOURCE_STATUS, stackId);
    ObjectNode detail = envelope.putObject("detail");
    detail.put("stack-id", stackId);
    detail.put("logical-resource-id", logicalId);
    detail.put("physical-resource-id", physicalId);
    detail.putObject("status-details").put("status", status).put("status-reason", reason);
    detail.put("resource-type", type);
    detail.put("client-request-token", "");
    return wrap(at, envelope, CLOUDFORMATION, RESOURCE_STATUS);
  }

  /** The base64 SHA-256 of a build's package, as Lambda reports {@code codeSha256}. */
  static String codeSha256(String build) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(build.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String functionArn(String function) {
    return "arn:aws:lambda:" + REGION + ":" + SampleTraffic.ACCOUNT + ":function:" + function;
  }

  private ObjectNode functionConfiguration(String function, String build, String version) {
    ObjectNode config = Json.MAPPER.createObjectNode();
    config.put("functionName", function);
    config.put(
        "functionArn", functionArn(function) + (version.equals("$LATEST") ? "" : ":" + version));
    config.put("runtime", "nodejs20.x");
    config.put("role", "arn:aws:iam::" + SampleTraffic.ACCOUNT + ":role/" + function + "-role");
    config.put("handler", "index.handler");
    config.put("codeSize", 1_480_000 + random.nextInt(20_000));
    config.put("description", "build " + build);
    config.put("timeout", 3);
    config.put("memorySize", 128);
    config.put("codeSha256", codeSha256(build));
    config.put("version", version);
    config.putObject("tracingConfig").put("mode", "Active");
    config.put("revisionId", uuid());
    config.put("state", "Active");
    config.put("packageType", "Zip");
    config.putArray("architectures").add("arm64");
    return config;
  }

  /** A CloudTrail management event of the shape every API call has; the actor is a person or CI. */
  private ObjectNode apiCall(Instant at, String source, String name, boolean byPerson) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("eventVersion", "1.09");
    ObjectNode identity = event.putObject("userIdentity");
    if (byPerson) {
      identity.put("type", "IAMUser");
      identity.put("principalId", "AIDAJ45Q7YFFAREXAMPLE");
      identity.put("arn", "arn:aws:iam::" + SampleTraffic.ACCOUNT + ":user/alice");
      identity.put("accountId", SampleTraffic.ACCOUNT);
      identity.put("accessKeyId", "AKIAIOSFODNN7EXAMPLE");
      identity.put("userName", "alice");
    } else {
      String role = "arn:aws:iam::" + SampleTraffic.ACCOUNT + ":role/deploy-pipeline";
      identity.put("type", "AssumedRole");
      identity.put("principalId", "AROAJ2UCCR6DPCEXAMPLE:codebuild-orders");
      identity.put(
          "arn",
          "arn:aws:sts::" + SampleTraffic.ACCOUNT + ":assumed-role/deploy-pipeline/codebuild");
      identity.put("accountId", SampleTraffic.ACCOUNT);
      identity.put("accessKeyId", "ASIAJEXAMPLEXEG2JICEA");
      ObjectNode session = identity.putObject("sessionContext");
      session
          .putObject("sessionIssuer")
          .put("type", "Role")
          .put("principalId", "AROAJ2UCCR6DPCEXAMPLE")
          .put("arn", role)
          .put("accountId", SampleTraffic.ACCOUNT)
          .put("userName", "deploy-pipeline");
      session
          .putObject("attributes")
          .put("creationDate", at.minusSeconds(40).toString())
          .put("mfaAuthenticated", "false");
    }
    event.put("eventTime", at.toString());
    event.put("eventSource", source);
    event.put("eventName", name);
    event.put("awsRegion", REGION);
    event.put("sourceIPAddress", byPerson ? "198.51.100.23" : "203.0.113.80");
    event.put("userAgent", byPerson ? CLI_AGENT : PIPELINE_AGENT);
    event.put("requestID", uuid());
    event.put("eventID", uuid());
    event.put("readOnly", false);
    event.put("eventType", "AwsApiCall");
    event.put("managementEvent", true);
    event.put("recipientAccountId", SampleTraffic.ACCOUNT);
    event.put("eventCategory", "Management");
    return event;
  }

  private ObjectNode bridgeEnvelope(Instant at, String detailType, String stackId) {
    ObjectNode envelope = Json.MAPPER.createObjectNode();
    envelope.put("version", "0");
    envelope.put("id", uuid());
    envelope.put("detail-type", detailType);
    envelope.put("source", "aws.cloudformation");
    envelope.put("account", SampleTraffic.ACCOUNT);
    envelope.put("time", at.toString());
    envelope.put("region", REGION);
    envelope.putArray("resources").add(stackId);
    return envelope;
  }

  /**
   * A CloudTrail API call keeps its eventID; an EventBridge-only event is kept whole, as ingest
   * maps it (id, time, account and region from the envelope).
   */
  private static CloudTrailEvent wrap(
      Instant at, ObjectNode event, String source, String eventName) {
    String id = event.has("eventID") ? event.get("eventID").asText() : event.get("id").asText();
    return new CloudTrailEvent(
        id, at, source, eventName, SampleTraffic.ACCOUNT, REGION, "eventbridge", event, SOURCE);
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
