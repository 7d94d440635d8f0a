package io.tocsin.detect.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.detect.Fingerprints;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.DeployContext;
import io.tocsin.model.Deployment;
import io.tocsin.model.Deployment.VerdictStatus;
import io.tocsin.model.Deployment.Window;
import io.tocsin.model.Json;
import io.tocsin.model.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alerts of the deploy watch, one per judged deployment (fingerprint per deployment id): {@code
 * deploy-regression} when its traffic regressed, {@code deploy-failed} when its stack failed or
 * rolled back. Both high; a verified deployment raises none.
 */
final class DeployAlerts {

  static final String REGRESSION = "deploy-regression";
  static final String FAILED = "deploy-failed";

  private DeployAlerts() {}

  /** The rule id of the alert {@code status} raises, or {@code null} for none. */
  static String ruleOf(VerdictStatus status) {
    return switch (status) {
      case REGRESSION -> REGRESSION;
      case FAILED -> FAILED;
      default -> null;
    };
  }

  /** The id the alert of {@code deployment}'s verdict {@code status} at {@code at} will have. */
  static String alertId(Deployment deployment, VerdictStatus status, Instant at) {
    return Fingerprints.stateChangeId(
        Fingerprints.of(ruleOf(status), deployment.id()), at, AlertStatus.FIRING.label());
  }

  /** The alert of a deployment whose verdict raises one. */
  static Alert of(Deployment deployment) {
    Deployment.Verdict verdict = deployment.verdict();
    String rule = ruleOf(verdict.status());
    boolean regressed = verdict.status() == VerdictStatus.REGRESSION;
    String what = describe(deployment);
    String title =
        regressed
            ? what + " regressed: " + change(verdict.baseline(), verdict.after())
            : what
                + " "
                + deployment.outcome().status().label().replace('_', ' ')
                + (deployment.outcome().failedResource() == null
                    ? ""
                    : ": " + deployment.outcome().failedResource() + " failed");
    String summary =
        regressed
            ? "Before ("
                + figures(verdict.baseline())
                + "), after ("
                + figures(verdict.after())
                + "). "
                + verdict.test()
            : String.valueOf(deployment.outcome().reason());
    ObjectNode context = DeployContext.of(deployment, verdict.decidedAt()).into(null);
    context.set("verdict", Json.MAPPER.valueToTree(verdict));
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("source", "deploy");
    labels.put("resource", deployment.resource());
    labels.put("kind", deployment.kind().label());
    Window after = verdict.after();
    return new Alert(
        Alert.SCHEMA_VERSION,
        verdict.alertId(),
        Fingerprints.of(rule, deployment.id()),
        AlertStatus.FIRING,
        new Alert.AlertRule(
            rule,
            regressed ? "Deploy regressed" : "Deploy failed",
            "deploy",
            Severity.HIGH,
            List.of("deploy")),
        title,
        summary,
        verdict.decidedAt(),
        verdict.decidedAt(),
        null,
        regressed && after != null ? after.errors() : 1,
        regressed && after != null && after.invocations() > 0
            ? new Alert.Evaluation(
                "sliding",
                "ratio",
                (double) after.errors(),
                (double) after.invocations(),
                after.errorRatio(),
                ">",
                verdict.baseline() == null || verdict.baseline().errorRatio() == null
                    ? 0
                    : verdict.baseline().errorRatio(),
                Math.max(1, verdict.afterSeconds()),
                null,
                "ALARM")
            : null,
        new Alert.Resource(
            deployment.account(),
            deployment.region(),
            deployment.evidence().isEmpty() ? null : deployment.evidence().get(0),
            null,
            deployment.actor() == null ? null : deployment.actor().arn(),
            null,
            null),
        List.of(),
        List.of(),
        labels,
        context);
  }

  /** {@code deploy 42 of orders-api (lambda)}. */
  static String describe(Deployment deployment) {
    return "Deploy"
        + (deployment.version() == null ? "" : " " + deployment.version())
        + " of "
        + deployment.resource();
  }

  private static String change(Window before, Window after) {
    return String.format(
        Locale.ROOT,
        "errors %s → %s, timeouts %s → %s",
        percent(before == null ? null : before.errorRatio()),
        percent(after == null ? null : after.errorRatio()),
        percent(before == null ? null : before.timeoutRatio()),
        percent(after == null ? null : after.timeoutRatio()));
  }

  private static String figures(Window w) {
    if (w == null) {
      return "no traffic";
    }
    return String.format(
        Locale.ROOT,
        "%s to %s: %d invocations, errors %s, timeouts %s, p99 %s",
        w.from(),
        w.to(),
        w.invocations(),
        percent(w.errorRatio()),
        percent(w.timeoutRatio()),
        w.p99DurationMs() == null
            ? "n/a"
            : String.format(Locale.ROOT, "%.0f ms", w.p99DurationMs()));
  }

  private static String percent(Double ratio) {
    return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", ratio * 100);
  }
}
