package io.tocsin.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.DeployContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the CLI prints deployments for people: the list, one deployment, and an alert's deploy. */
final class DeployText {

  private DeployText() {}

  /** A table of deployments, one row each; the id last, since {@code deploys show} takes it. */
  static void table(PrintWriter out, Iterable<JsonNode> deployments) {
    TextTable table =
        new TextTable(
            List.of("DEPLOYED (UTC)", "RESOURCE", "VERSION", "BY", "VERDICT", "ERRORS", "ID"),
            17,
            16,
            7,
            10,
            10,
            11,
            80);
    for (JsonNode d : deployments) {
      JsonNode verdict = d.path("verdict");
      table.row(
          minute(d.path("time").asText(null)),
          d.path("resource").asText(),
          d.path("version").asText(null),
          d.path("actor").path("name").asText(null),
          verdictOf(d),
          percent(verdict.at("/baseline/errorRatio"), "%.1f%%")
              + " → "
              + percent(verdict.at("/after/errorRatio"), "%.1f%%"),
          d.path("id").asText());
    }
    table.print(out);
  }

  /**
   * One deployment in full: what was deployed by whom, its outcome, the verdict with the figures
   * before and after, and the alerts linked to it.
   */
  static void detail(PrintWriter out, JsonNode detail) {
    JsonNode d = detail.path("deployment");
    String version = d.path("version").asText(null);
    out.printf(
        "%s%s (%s %s) — %s%n",
        d.path("resource").asText(),
        version == null ? "" : " version " + version,
        d.path("kind").asText(),
        d.path("action").asText(),
        verdictOf(d).toUpperCase(Locale.ROOT));
    out.println();
    fact(out, "id", d.path("id").asText());
    fact(out, "deployed", AlertText.time(d.path("time").asText(null)));
    fact(out, "by", actor(d.path("actor")));
    fact(out, "account", d.path("account").asText("") + " " + d.path("region").asText(""));
    fact(out, "stack", d.path("stack").asText(null));
    fact(out, "code sha256", d.path("codeSha256").asText(null));
    JsonNode outcome = d.path("outcome");
    fact(out, "outcome", outcome.path("status").asText(null));
    fact(out, "failed", outcome.path("failedResource").asText(null));
    fact(out, "reason", outcome.path("reason").asText(null));
    fact(out, "evidence", String.join(", ", texts(d.path("evidence"))));
    fact(out, "event", d.path("sourceEventId").asText(null));
    verdict(out, d.path("verdict"));
    out.println();
    out.println("Alerts that started after it:");
    if (detail.path("alerts").isEmpty()) {
      out.println("  none");
    } else {
      AlertText.table(out, detail.path("alerts"), java.time.Instant.now(), 80);
    }
  }

  /** The line {@code alerts show} prints for an alert's {@code context.deploy}, or null. */
  static String deployOf(JsonNode alert) {
    JsonNode context = alert.path("context");
    DeployContext deploy = context.isObject() ? DeployContext.in(context) : null;
    return deploy == null ? null : deploy.phrase() + " (" + deploy.id() + ")";
  }

  private static void verdict(PrintWriter out, JsonNode v) {
    out.println();
    if (v.isMissingNode() || v.isNull()) {
      out.println("Verdict: not judged yet");
      return;
    }
    out.printf(
        "Verdict: %s %d s after the deploy (%s)%n",
        v.path("status").asText(),
        v.path("afterSeconds").asLong(),
        AlertText.time(v.path("decidedAt").asText(null)));
    fact(out, "test", v.path("test").asText(null));
    fact(out, "alert", v.path("alertId").asText(null));
    JsonNode before = v.path("baseline");
    JsonNode after = v.path("after");
    if (!before.isObject() && !after.isObject()) {
      return;
    }
    TextTable figures = new TextTable(List.of("", "BEFORE", "AFTER"), 12, 30, 30);
    figures.row("window", span(before), span(after));
    figures.row("invocations", count(before, "invocations"), count(after, "invocations"));
    figures.row(
        "errors", share(before, "errors", "errorRatio"), share(after, "errors", "errorRatio"));
    figures.row(
        "timeouts",
        share(before, "timeouts", "timeoutRatio"),
        share(after, "timeouts", "timeoutRatio"));
    figures.row("p99 duration", millis(before), millis(after));
    StringWriter text = new StringWriter();
    figures.print(new PrintWriter(text));
    text.toString().lines().forEach(line -> out.println("  " + line));
  }

  private static String verdictOf(JsonNode d) {
    return d.path("verdict").path("status").asText("none");
  }

  private static String actor(JsonNode actor) {
    String name = actor.path("name").asText(null);
    String arn = actor.path("arn").asText(null);
    return name == null ? arn : arn == null ? name : name + " (" + arn + ")";
  }

  private static String span(JsonNode w) {
    return w.isObject()
        ? clock(w.path("from").asText(null)) + " – " + clock(w.path("to").asText(null))
        : null;
  }

  private static String count(JsonNode w, String field) {
    return w.isObject() ? String.format(Locale.ROOT, "%,d", w.path(field).asLong()) : null;
  }

  private static String share(JsonNode w, String field, String ratio) {
    return w.isObject() ? count(w, field) + " (" + percent(w.path(ratio), "%.2f %%") + ")" : null;
  }

  private static String millis(JsonNode w) {
    JsonNode p99 = w.path("p99DurationMs");
    return p99.isNumber() ? String.format(Locale.ROOT, "%,.0f ms", p99.asDouble()) : null;
  }

  private static String percent(JsonNode ratio, String format) {
    return ratio.isNumber() ? String.format(Locale.ROOT, format, ratio.asDouble() * 100) : "-";
  }

  /** An ISO instant to the minute: {@code 2026-11-26 10:04Z}. */
  private static String minute(String iso) {
    return iso == null || iso.length() < 16
        ? iso
        : iso.substring(0, 10) + " " + iso.substring(11, 16) + "Z";
  }

  /** The time of day of an ISO instant: {@code 10:04:00}. */
  private static String clock(String iso) {
    return iso == null || iso.length() < 19 ? iso : iso.substring(11, 19);
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static void fact(PrintWriter out, String name, String value) {
    if (value != null && !value.isBlank()) {
      out.printf("  %-12s %s%n", name, value);
    }
  }
}
