package io.tocsin.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The post-deployment watch ({@code deployments:} in the config): deployments learned from
 * CloudTrail, each judged on the traffic of its log groups after the deploy against the hour
 * before.
 *
 * @param enabled whether the watch runs; default true
 * @param lookBack how long after a deploy alerts on its log groups carry it ({@code
 *     context.deploy}); from 1m to 24h; default 1h
 * @param window how long after a deploy its traffic is watched before it is verified; from 1m to
 *     the look-back; default 10m
 * @param baseline the traffic before a deploy it is compared with; from 5m to 1h; default 1h
 * @param alpha the false-regression probability allowed per deploy, over all looks and figures;
 *     from 0.000001 to 0.1; default 0.001
 * @param minRatio the smallest regression worth a verdict, as a ratio of the baseline's error,
 *     timeout or slow share; at least 1; default 2.0
 * @param minIncrease the smallest regression worth a verdict, in absolute share (0.01 = one
 *     percentage point); from 0 to 1; default 0.01
 * @param minInvocations invocations needed after a deploy to verify it; fewer leave the verdict
 *     pending (inconclusive) at the window's end; at least 1; default 50
 * @param apiGatewayAccessLogGroup the access log group of an API Gateway stage, with {@code
 *     <restApiId>} and {@code <stage>} replaced; default empty (only the execution log group {@code
 *     API-Gateway-Execution-Logs_<restApiId>/<stage>})
 * @param resources more evidence: resource name (function, stack, ECS service, CodeDeploy
 *     application, {@code <restApiId>/<stage>}) to the log groups that show its health; default
 *     none
 * @param releaseSpan calls on one resource within this span of the first fold into one deployment
 *     (one release: e.g. UpdateFunctionCode, PublishVersion, UpdateAlias of a function; API Gateway
 *     CreateDeployment, UpdateStage of a stage); from 0s (every call its own deployment) to 10m;
 *     default 2m
 */
public record DeploymentSettings(
    boolean enabled,
    Duration lookBack,
    Duration window,
    Duration baseline,
    double alpha,
    double minRatio,
    double minIncrease,
    long minInvocations,
    String apiGatewayAccessLogGroup,
    Map<String, List<String>> resources,
    Duration releaseSpan) {

  /** The defaults, as documented on each field. */
  public static DeploymentSettings defaults() {
    return new DeploymentSettings(
        true,
        Duration.ofHours(1),
        Duration.ofMinutes(10),
        Duration.ofHours(1),
        0.001,
        2,
        0.01,
        50,
        "",
        Map.of(),
        Duration.ofMinutes(2));
  }

  /** Validates each field and fills the defaults of absent durations and maps. */
  public DeploymentSettings {
    lookBack = lookBack == null ? Duration.ofHours(1) : lookBack;
    window = window == null ? Duration.ofMinutes(10) : window;
    baseline = baseline == null ? Duration.ofHours(1) : baseline;
    within("look_back", lookBack, Duration.ofMinutes(1), Duration.ofHours(24));
    within("window", window, Duration.ofMinutes(1), lookBack);
    within("baseline", baseline, Duration.ofMinutes(5), Duration.ofHours(1));
    releaseSpan = releaseSpan == null ? Duration.ofMinutes(2) : releaseSpan;
    within("release_span", releaseSpan, Duration.ZERO, Duration.ofMinutes(10));
    if (!(alpha >= 0.000001 && alpha <= 0.1)) {
      throw new ConfigException(
          "alpha", "expected a probability from 0.000001 to 0.1, got " + alpha);
    }
    if (!(minRatio >= 1)) {
      throw new ConfigException("min_ratio", "expected at least 1, got " + minRatio);
    }
    if (!(minIncrease >= 0 && minIncrease <= 1)) {
      throw new ConfigException("min_increase", "expected a share from 0 to 1, got " + minIncrease);
    }
    if (minInvocations < 1) {
      throw new ConfigException("min_invocations", "expected at least 1, got " + minInvocations);
    }
    apiGatewayAccessLogGroup = apiGatewayAccessLogGroup == null ? "" : apiGatewayAccessLogGroup;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    if (resources != null) {
      resources.forEach(
          (name, groups) -> {
            if (groups == null
                || groups.isEmpty()
                || groups.stream().anyMatch(g -> g == null || g.isBlank())) {
              throw new ConfigException(
                  "resources." + name, "expected a list of log group names, got " + groups);
            }
            copy.put(name, List.copyOf(groups));
          });
    }
    resources = Map.copyOf(copy);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static void within(String key, Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new ConfigException(
          key,
          "expected a duration from "
              + Durations.format(min)
              + " to "
              + Durations.format(max)
              + ", got "
              + Durations.format(value));
    }
  }
}
