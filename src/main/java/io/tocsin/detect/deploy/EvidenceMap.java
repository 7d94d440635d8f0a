package io.tocsin.detect.deploy;

import io.tocsin.config.DeploymentSettings;
import io.tocsin.model.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which log groups show a deployed resource's health: a Lambda function's {@code
 * /aws/lambda/<name>}, an API Gateway stage's execution log group {@code
 * API-Gateway-Execution-Logs_<restApiId>/<stage>} and its configured access log group, a stack's
 * resources as its events name them, and whatever {@code deployments.resources} adds.
 */
final class EvidenceMap {

  private final DeploymentSettings settings;

  EvidenceMap(DeploymentSettings settings) {
    this.settings = settings;
  }

  /** {@code deployment} with its evidence log groups. */
  Deployment withEvidence(Deployment deployment) {
    Set<String> groups = new LinkedHashSet<>(deployment.evidence());
    switch (deployment.kind()) {
      case LAMBDA -> groups.add(lambda(deployment.resource()));
      case APIGATEWAY -> groups.addAll(apiGateway(deployment.resource()));
      default -> {}
    }
    groups.addAll(settings.resources().getOrDefault(deployment.resource(), List.of()));
    return deployment.withEvidence(new ArrayList<>(groups));
  }

  /**
   * The log groups of a stack resource named in a stack event ({@code physicalId} of {@code
   * resourceType}), besides those configured for it.
   */
  List<String> forStackResource(String resourceType, String physicalId) {
    if (physicalId == null) {
      return List.of();
    }
    List<String> groups = new ArrayList<>();
    if ("AWS::Lambda::Function".equals(resourceType)) {
      groups.add(lambda(DeployEvents.functionName(physicalId)));
    }
    groups.addAll(settings.resources().getOrDefault(physicalId, List.of()));
    return groups;
  }

  private static String lambda(String function) {
    return "/aws/lambda/" + function;
  }

  private List<String> apiGateway(String apiAndStage) {
    int slash = apiAndStage.indexOf('/');
    if (slash < 0) {
      return List.of();
    }
    String api = apiAndStage.substring(0, slash);
    String stage = apiAndStage.substring(slash + 1);
    List<String> groups = new ArrayList<>();
    groups.add("API-Gateway-Execution-Logs_" + api + "/" + stage);
    String access = settings.apiGatewayAccessLogGroup();
    if (access != null && !access.isBlank()) {
      groups.add(access.replace("<restApiId>", api).replace("<stage>", stage));
    }
    return groups;
  }
}
