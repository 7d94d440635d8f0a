package io.tocsin.detect.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Deployment;
import io.tocsin.model.Deployment.Kind;
import io.tocsin.model.Deployment.Outcome;
import io.tocsin.model.Deployment.OutcomeStatus;
import io.tocsin.model.Deployment.Target;
import io.tocsin.rules.Actor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises the CloudTrail calls that deploy something and turns each into a {@link Deployment}
 * (no evidence yet, see {@link EvidenceMap}): Lambda UpdateFunctionCode,
 * UpdateFunctionConfiguration, PublishVersion, UpdateAlias; API Gateway CreateDeployment,
 * UpdateStage; CloudFormation CreateStack, UpdateStack, ExecuteChangeSet; ECS UpdateService;
 * CodeDeploy CreateDeployment. A failed call ({@code errorCode}) deployed nothing.
 */
final class DeployEvents {

  /** The event sources of every call this reads (stack status changes come as CloudFormation). */
  private static final Set<String> SOURCES =
      Set.of(
          "lambda.amazonaws.com",
          "apigateway.amazonaws.com",
          "cloudformation.amazonaws.com",
          "ecs.amazonaws.com",
          "codedeploy.amazonaws.com");

  /** CloudTrail's API-version suffix of Lambda event names, e.g. {@code 20150331v2}. */
  private static final Pattern VERSION_SUFFIX = Pattern.compile("\\d{8}(v\\d+)?$");

  private DeployEvents() {}

  /**
   * Whether {@code event} comes from a service whose calls or status changes may be deployments:
   * the cheap test that spares decoding the rest (most CloudTrail traffic is IAM, S3, EC2, KMS).
   */
  static boolean mayConcern(CloudTrailEvent event) {
    return event != null && SOURCES.contains(event.eventSource());
  }

  /** The deployment {@code event} records, if it is a successful deploying call. */
  static Optional<Deployment> of(CloudTrailEvent event) {
    JsonNode e = event.event();
    if (e == null || !text(e, "errorCode").isEmpty() || event.eventName() == null) {
      return Optional.empty();
    }
    String action = VERSION_SUFFIX.matcher(event.eventName()).replaceFirst("");
    JsonNode request = e.path("requestParameters");
    JsonNode response = e.path("responseElements");
    Call call = new Call(event, action);
    return Optional.ofNullable(
        switch (event.eventSource() == null ? "" : event.eventSource()) {
          case "lambda.amazonaws.com" -> lambda(call, request, response);
          case "apigateway.amazonaws.com" -> apiGateway(call, request, response);
          case "cloudformation.amazonaws.com" -> stack(call, request, response);
          case "ecs.amazonaws.com" -> ecs(call, request, response);
          case "codedeploy.amazonaws.com" -> codeDeploy(call, request, response);
          default -> null;
        });
  }

  private static Deployment lambda(Call call, JsonNode request, JsonNode response) {
    if (!List.of(
            "UpdateFunctionCode", "UpdateFunctionConfiguration", "PublishVersion", "UpdateAlias")
        .contains(call.action)) {
      return null;
    }
    String function =
        functionName(first(text(response, "functionName"), text(request, "functionName")));
    if (function.isEmpty()) {
      return null;
    }
    String version =
        call.action.equals("UpdateAlias")
            ? first(text(response, "functionVersion"), text(request, "functionVersion"))
            : text(response, "version");
    version = version.isEmpty() || version.equals("$LATEST") ? null : version;
    String arn = first(text(response, "functionArn"), text(response, "aliasArn"));
    String sha = text(response, "codeSha256");
    return call.deployment(
        Kind.LAMBDA,
        function,
        List.of(new Target("AWS::Lambda::Function", function, blankToNull(arn))),
        version,
        call.action.equals("PublishVersion") && version != null ? version : null,
        blankToNull(sha),
        null);
  }

  private static Deployment apiGateway(Call call, JsonNode request, JsonNode response) {
    String api = text(request, "restApiId");
    String stage =
        first(text(request, "stageName"), text(request.path("createDeploymentInput"), "stageName"));
    if (!List.of("CreateDeployment", "UpdateStage").contains(call.action) || api.isEmpty()) {
      return null;
    }
    String name = stage.isEmpty() ? api : api + "/" + stage;
    String deploymentId = call.action.equals("CreateDeployment") ? text(response, "id") : "";
    return call.deployment(
        Kind.APIGATEWAY,
        name,
        List.of(new Target("AWS::ApiGateway::Stage", name, null)),
        blankToNull(deploymentId),
        blankToNull(deploymentId),
        null,
        null);
  }

  private static Deployment stack(Call call, JsonNode request, JsonNode response) {
    if (!List.of("CreateStack", "UpdateStack", "ExecuteChangeSet").contains(call.action)) {
      return null;
    }
    String stack = StackNames.of(first(text(request, "stackName"), text(response, "stackId")));
    if (stack.isEmpty()) {
      return null;
    }
    String changeSet = blankToNull(StackNames.of(text(request, "changeSetName")));
    String arn = blankToNull(first(text(response, "stackId"), text(request, "stackName")));
    return call.deployment(
        Kind.CLOUDFORMATION,
        stack,
        List.of(
            new Target("AWS::CloudFormation::Stack", stack, arn.startsWith("arn:") ? arn : null)),
        changeSet,
        null,
        null,
        stack);
  }

  private static Deployment ecs(Call call, JsonNode request, JsonNode response) {
    JsonNode service = response.path("service");
    String name = first(text(service, "serviceName"), StackNames.of(text(request, "service")));
    if (!call.action.equals("UpdateService") || name.isEmpty()) {
      return null;
    }
    String taskDefinition =
        StackNames.of(first(text(service, "taskDefinition"), text(request, "taskDefinition")));
    return call.deployment(
        Kind.ECS,
        name,
        List.of(new Target("AWS::ECS::Service", name, blankToNull(text(service, "serviceArn")))),
        blankToNull(taskDefinition),
        null,
        null,
        null);
  }

  private static Deployment codeDeploy(Call call, JsonNode request, JsonNode response) {
    String application = text(request, "applicationName");
    if (!call.action.equals("CreateDeployment") || application.isEmpty()) {
      return null;
    }
    String group = text(request, "deploymentGroupName");
    String deploymentId = text(response, "deploymentId");
    return call.deployment(
        Kind.CODEDEPLOY,
        application,
        List.of(
            new Target(
                "AWS::CodeDeploy::DeploymentGroup",
                group.isEmpty() ? application : application + "/" + group,
                null)),
        blankToNull(deploymentId),
        blankToNull(deploymentId),
        null,
        null);
  }

  /** A function name from a name, a full or partial ARN, with any qualifier dropped. */
  static String functionName(String nameOrArn) {
    String name = nameOrArn;
    int function = name.indexOf("function:");
    if (function >= 0) {
      name = name.substring(function + "function:".length());
    }
    int qualifier = name.indexOf(':');
    return qualifier >= 0 ? name.substring(0, qualifier) : name;
  }

  /** The text of {@code field}, empty when absent or not a value. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : "";
  }

  private static String first(String a, String b) {
    return a.isEmpty() ? b : a;
  }

  private static String blankToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /** The fields every deploying call shares. */
  private record Call(CloudTrailEvent event, String action) {

    Deployment deployment(
        Kind kind,
        String resource,
        List<Target> targets,
        String version,
        String idSuffix,
        String codeSha256,
        String stack) {
      Actor actor = Actor.of(event.event());
      String id =
          String.join(
              ":",
              kind.label(),
              event.account(),
              String.valueOf(event.region()),
              resource,
              idSuffix != null ? idSuffix : String.valueOf(event.eventId()));
      return new Deployment(
          Deployment.SCHEMA_VERSION,
          id,
          kind,
          action,
          resource,
          targets,
          version,
          codeSha256,
          actor.arn() == null ? null : new Deployment.Actor(actor.arn(), actor.name()),
          stack,
          event.account(),
          event.region(),
          event.eventTime(),
          event.eventId(),
          Outcome.of(
              kind == Kind.CLOUDFORMATION ? OutcomeStatus.IN_PROGRESS : OutcomeStatus.SUCCEEDED),
          List.of(),
          null,
          event.eventTime());
    }
  }
}
