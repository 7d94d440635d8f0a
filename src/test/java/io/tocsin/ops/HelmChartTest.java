package io.tocsin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lints and renders helm/tocsin offline with helm-java's embedded Helm (its native library is
 * unpacked from the test classpath into java.io.tmpdir; no network, no cluster).
 */
class HelmChartTest {

  private static final String STATE_DIR = "/var/lib/tocsin/state";
  static final String DASHBOARD = "dashboards/tocsin.json";
  private static RenderedChart defaults;
  private static RenderedChart production;

  @BeforeAll
  static void render() {
    defaults = RenderedChart.withDefaults();
    production =
        RenderedChart.withValuesFile(Path.of("src/test/resources/ops/values-production.yaml"));
  }

  @Test
  void shouldLintWithoutFailuresOrWarnings() {
    LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();
    List<String> findings =
        result.getMessages().stream()
            .filter(m -> m.matches("(?s).*\\[(INFO|WARNING|ERROR)\\].*"))
            .filter(m -> !m.matches("(?s).*\\[INFO\\] Chart\\.yaml: icon is recommended.*"))
            .toList();
    assertThat(result.isFailed())
        .as("helm lint --strict failed: %s", result.getMessages())
        .isFalse();
    assertThat(findings).as("helm lint findings other than the icon INFO").isEmpty();
  }

  @Test
  void shouldRunAStatefulSetProbedOnLiveAndReadyAtPort8080() {
    JsonNode container = defaults.container();
    assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http");
    assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
    assertProbe(container.path("livenessProbe"), "/health/live");
    assertProbe(container.path("readinessProbe"), "/health/ready");
    assertProbe(container.path("startupProbe"), "/health/live");
    assertThat(container.path("args").toString())
        .isEqualTo("[\"run\",\"--config\",\"/etc/tocsin/config.yaml\"]");
    JsonNode spec = defaults.statefulSet().path("spec");
    assertThat(spec.path("replicas").asInt()).isEqualTo(2);
    assertThat(spec.path("serviceName").asText()).isEqualTo("tocsin-headless");
  }

  @Test
  void shouldTakeTheApiTokenAndPagerDutyKeysFromSecretsOnly() {
    assertSecretRef(defaults.env("TOCSIN_API_TOKEN"), "tocsin", "api-token");
    assertSecretRef(
        defaults.env("PAGERDUTY_ROUTING_KEY_ONCALL"), "tocsin", "pagerduty-routing-key-oncall");
    assertThat(defaults.all("Secret")).as("the chart never renders secret values").isEmpty();

    assertSecretRef(production.env("TOCSIN_API_TOKEN"), "tocsin-prod", "api-token");
    assertSecretRef(production.env("PAGERDUTY_ROUTING_KEY_ONCALL"), "tocsin-prod", "oncall");
    JsonNode security = production.env("PAGERDUTY_ROUTING_KEY_SECURITY");
    assertSecretRef(security, "tocsin-security", "routing-key");
    assertThat(security.at("/valueFrom/secretKeyRef/optional").asBoolean()).isTrue();
  }

  @Test
  void shouldMountTheConfigAtEtcTocsinAndTheStateVolumeAtTheStateDir() {
    assertThat(defaults.mountPath("config")).isEqualTo("/etc/tocsin");
    assertThat(defaults.volume("config").at("/projected/sources/0/configMap/name").asText())
        .isEqualTo("tocsin");
    assertThat(defaults.config().at("/kafka/state_dir").asText()).isEqualTo(STATE_DIR);
    assertThat(defaults.mountPath("state")).isEqualTo(STATE_DIR);
    JsonNode claim = defaults.statefulSet().at("/spec/volumeClaimTemplates/0");
    assertThat(claim.at("/metadata/name").asText()).isEqualTo("state");
    assertThat(claim.at("/spec/resources/requests/storage").asText()).isEqualTo("10Gi");
    assertThat(defaults.volume("state").isMissingNode())
        .as("with persistence the state volume comes from the claim template")
        .isTrue();
  }

  @Test
  void shouldRunAsNonRootWithAReadOnlyRootFilesystemAndNoCapabilities() {
    JsonNode pod = defaults.podSpec().path("securityContext");
    assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("runAsUser").asInt()).isEqualTo(10001);
    assertThat(pod.path("fsGroup").asInt()).as("state volume writable by the app").isEqualTo(10001);
    JsonNode container = defaults.container().path("securityContext");
    assertThat(container.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.path("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(defaults.mountPath("tmp")).isEqualTo("/tmp");
    assertThat(defaults.volume("tmp").has("emptyDir")).isTrue();
  }

  @Test
  void shouldServeThroughARegularAndAHeadlessServiceWithADisruptionBudget() {
    JsonNode main = defaults.get("Service", "tocsin");
    assertThat(main.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
    assertThat(main.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    JsonNode headless = defaults.get("Service", "tocsin-headless");
    assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
    assertThat(headless.at("/spec/publishNotReadyAddresses").asBoolean()).isTrue();
    assertThat(defaults.get("PodDisruptionBudget", "tocsin").at("/spec/maxUnavailable").asInt())
        .isEqualTo(1);
    assertThat(defaults.all("ServiceMonitor")).as("off by default").isEmpty();
    assertThat(defaults.get("ServiceAccount", "tocsin").path("metadata").has("annotations"))
        .isFalse();
  }

  @Test
  void shouldPreferSpreadingPodsOverNodes() {
    JsonNode preferred =
        defaults
            .podSpec()
            .at("/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0");
    assertThat(preferred.at("/podAffinityTerm/topologyKey").asText())
        .isEqualTo("kubernetes.io/hostname");
    assertThat(preferred.at("/podAffinityTerm/labelSelector/matchLabels").toString())
        .contains("\"app.kubernetes.io/instance\":\"tocsin\"");
  }

  @Test
  void shouldRollThePodsWhenTheConfigChanges() {
    String before = checksum(defaults);
    String after = checksum(RenderedChart.withSet(Map.of("config.kafka.partitions", 6)));
    assertThat(before).matches("[0-9a-f]{64}");
    assertThat(after).isNotEqualTo(before);
    assertThat(checksum(RenderedChart.withDefaults())).as("stable otherwise").isEqualTo(before);
  }

  @Test
  void shouldRunThreeReplicasOfTheConfiguredImage() {
    assertThat(production.statefulSet().at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(production.container().path("image").asText())
        .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/tocsin:1.2.3");
    assertThat(production.config().at("/kafka/partitions").asInt()).isEqualTo(6);
  }

  @Test
  void shouldCreateAServiceMonitorForTheMainServiceWhenEnabled() {
    JsonNode monitor = production.get("ServiceMonitor", "tocsin");
    assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
    assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
    assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
    assertThat(monitor.at("/spec/selector/matchLabels/tocsin.io~1service").asText())
        .isEqualTo("main");
    assertThat(
            production.get("Service", "tocsin").at("/metadata/labels/tocsin.io~1service").asText())
        .as("the ServiceMonitor selects exactly the main Service")
        .isEqualTo("main");
  }

  @Test
  void shouldShipTheGrafanaDashboardForTheSidecarOnlyWhenEnabled() throws IOException {
    assertThat(defaults.all("ConfigMap"))
        .as("off by default")
        .noneMatch(m -> m.at("/metadata/name").asText().endsWith("-dashboard"));
    JsonNode map = production.get("ConfigMap", "tocsin-dashboard");
    assertThat(map.at("/metadata/namespace").asText()).isEqualTo("monitoring");
    assertThat(map.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(map.at("/metadata/annotations/grafana_folder").asText()).isEqualTo("Alerting");
    JsonNode dashboard = new ObjectMapper().readTree(map.at("/data/tocsin.json").asText());
    assertThat(dashboard)
        .as("the ConfigMap carries the chart's dashboard file unchanged")
        .isEqualTo(new ObjectMapper().readTree(RenderedChart.CHART.resolve(DASHBOARD).toFile()));
    assertThat(dashboard.path("uid").asText()).isEqualTo("tocsin-overview");
  }

  @Test
  void shouldAnnotateTheServiceAccountForIrsa() {
    JsonNode account = production.get("ServiceAccount", "tocsin");
    assertThat(account.at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText())
        .isEqualTo("arn:aws:iam::123456789012:role/tocsin-prod");
    assertThat(production.podSpec().path("serviceAccountName").asText()).isEqualTo("tocsin");
  }

  @Test
  void shouldMountExtraRuleFilesAndListTheirDirectoryInTheConfig() throws IOException {
    JsonNode rules = production.get("ConfigMap", "tocsin-rules");
    JsonNode file = new YAMLMapper().readTree(rules.at("/data/payments.yaml").asText());
    assertThat(file.at("/rules/0/id").asText()).isEqualTo("payments-errors");
    JsonNode source = production.volume("config").at("/projected/sources/1/configMap");
    assertThat(source.path("name").asText()).isEqualTo("tocsin-rules");
    assertThat(source.at("/items/0/path").asText()).isEqualTo("rules/payments.yaml");
    assertThat(production.config().at("/rules/dirs").toString()).contains("/etc/tocsin/rules");
    assertThat(defaults.config().at("/rules/dirs").toString())
        .as("no rules, no rules directory")
        .isEqualTo("[]");
  }

  @Test
  void shouldKeepStateInAnEmptyDirWhenPersistenceIsDisabled() {
    assertThat(production.statefulSet().at("/spec").has("volumeClaimTemplates")).isFalse();
    assertThat(production.volume("state").has("emptyDir")).isTrue();
    assertThat(production.mountPath("state")).isEqualTo(STATE_DIR);
  }

  @Test
  void shouldShipTheSameStateDirAndPortAsTheImageDefaultConfig() throws IOException {
    JsonNode image = new YAMLMapper().readTree(Path.of("src/main/docker/config.yaml").toFile());
    assertThat(defaults.config().at("/kafka/state_dir")).isEqualTo(image.at("/kafka/state_dir"));
    assertThat(defaults.config().at("/api/port").asInt()).isEqualTo(image.at("/api/port").asInt());
  }

  @Test
  void shouldExplainTheSecretsAndWarnAboutIdleReplicasInTheNotes() {
    String notes = RenderedChart.notes(Map.of("replicaCount", 4));
    assertThat(notes)
        .contains(
            "create secret generic tocsin",
            "--from-literal=api-token=",
            "--from-literal=pagerduty-routing-key-oncall=",
            "replicaCount 4 is more than config.kafka.partitions 3");
    assertThat(RenderedChart.notes(Map.of()))
        .contains("StatefulSet tocsin with 2 pod(s)")
        .doesNotContain("hot standbys");
  }

  @Test
  void shouldRefuseAStateDirThatIsNotAnAbsolutePath() {
    assertThatThrownBy(
            () -> RenderedChart.withSet(Map.of("config.kafka.state_dir", "var/lib/tocsin/state")))
        .hasMessageContaining("config.kafka.state_dir must be an absolute path");
  }

  @Test
  void shouldRefuseARuleFileNameThatIsNotAYamlFile() {
    assertThatThrownBy(() -> RenderedChart.withSet(Map.of("rules.notes\\.txt", "hello")))
        .hasMessageContaining("rules: file name \"notes.txt\"");
  }

  private static void assertProbe(JsonNode probe, String path) {
    assertThat(probe.at("/httpGet/path").asText()).isEqualTo(path);
    assertThat(probe.at("/httpGet/port").asText())
        .as("the container's http port")
        .isEqualTo("http");
  }

  private static void assertSecretRef(JsonNode env, String secret, String key) {
    assertThat(env.isMissingNode()).as("env var present").isFalse();
    assertThat(env.has("value")).as(env.path("name") + " has no plaintext value").isFalse();
    assertThat(env.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(secret);
    assertThat(env.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo(key);
  }

  private static String checksum(RenderedChart chart) {
    return chart.statefulSet().at("/spec/template/metadata/annotations/checksum~1config").asText();
  }
}
