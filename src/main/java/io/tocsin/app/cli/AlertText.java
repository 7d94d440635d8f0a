package io.tocsin.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How the CLI prints alerts for people: tables, one-line changes, the detail view, and JSON. */
final class AlertText {

  private AlertText() {}

  /**
   * How many leading characters of a fingerprint the table shows; {@code alerts show} takes them.
   */
  static final int SHORT_ID = 8;

  /**
   * A table of alerts, one row each, no wider than {@code width} columns: a short fingerprint, how
   * long ago the alert started and last changed, and as much of the title as fits.
   */
  static void table(PrintWriter out, Iterable<JsonNode> alerts, Instant now, int width) {
    TextTable table =
        new TextTable(
            List.of("ID", "SEVERITY", "STATUS", "STARTED", "CHANGED", "EVENTS", "TITLE"),
            SHORT_ID,
            8,
            9,
            7,
            7,
            6,
            200);
    for (JsonNode a : alerts) {
      table.row(
          abbreviate(a.path("fingerprint").asText()),
          a.path("rule").path("severity").asText(),
          a.path("status").asText() + (a.has("silencedBy") ? "*" : ""),
          ago(a.path("startsAt").asText(null), now),
          ago(a.path("updatedAt").asText(null), now),
          a.path("count").asLong(),
          a.path("title").asText());
    }
    table.print(out, width);
  }

  /** The first {@link #SHORT_ID} characters of a fingerprint. */
  static String abbreviate(String fingerprint) {
    return fingerprint.length() <= SHORT_ID ? fingerprint : fingerprint.substring(0, SHORT_ID);
  }

  /**
   * How long before {@code now} an ISO instant was, in its largest whole unit: 45s, 12m, 5h, 3d.
   */
  static String ago(String iso, Instant now) {
    if (iso == null) {
      return null;
    }
    long seconds = Math.max(0, Duration.between(Instant.parse(iso), now).toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m";
    }
    return seconds < 48 * 3600 ? seconds / 3600 + "h" : seconds / 86_400 + "d";
  }

  /** One state change on one line, as {@code alerts tail} prints it, control characters escaped. */
  static String line(JsonNode a) {
    return TerminalText.safe(
        String.format(
            "%s  %-8s  %-8s  %s  %s",
            time(a.path("updatedAt").asText(null)),
            a.path("status").asText().toUpperCase(java.util.Locale.ROOT),
            a.path("rule").path("severity").asText(),
            a.path("title").asText(),
            "(" + a.path("fingerprint").asText() + ")"));
  }

  /**
   * One alert in full: what happened in words, what to do (the rule's description and runbook), the
   * silences covering it, facts, summary, samples, history and deliveries.
   */
  static void detail(PrintWriter out, JsonNode detail) {
    JsonNode a = detail.path("alert");
    JsonNode r = a.path("resource");
    out.println(a.path("title").asText());
    if (detail.path("action").isTextual()) {
      out.println(detail.path("action").asText());
    }
    whatToDo(out, detail.path("rule"));
    a.path("silences")
        .forEach(
            s ->
                out.printf(
                    "Silenced by %s until %s: %s%n",
                    s.path("createdBy").asText(),
                    time(s.path("endsAt").asText(null)),
                    s.path("comment").asText()));
    out.println();
    fact(
        out,
        "status",
        a.path("status").asText() + " (" + a.path("rule").path("severity").asText() + ")");
    fact(
        out,
        "rule",
        a.path("rule").path("id").asText() + " — " + a.path("rule").path("title").asText());
    fact(out, "tags", join(a.path("rule").path("tags")));
    fact(
        out,
        a.path("status").asText().equals("firing") ? "firing since" : "started",
        time(a.path("startsAt").asText(null)));
    fact(out, "changed", time(a.path("updatedAt").asText(null)));
    fact(out, "ended", time(a.path("endsAt").asText(null)));
    fact(out, "events", a.path("count").asText());
    fact(out, "account", r.path("account").asText(null));
    fact(out, "region", r.path("region").asText(null));
    fact(out, "log group", r.path("logGroup").asText(null));
    fact(out, "principal", r.path("principalArn").asText(null));
    fact(out, "source ip", r.path("sourceIp").asText(null));
    fact(out, "deploy", DeployText.deployOf(a));
    fact(out, "fingerprint", a.path("fingerprint").asText());
    a.path("links")
        .forEach(
            l ->
                fact(
                    out,
                    l.path("text").asText().toLowerCase(java.util.Locale.ROOT),
                    l.path("href").asText()));
    out.println();
    out.println("Summary:");
    out.println("  " + a.path("summary").asText());
    out.println();
    out.println("Samples:");
    int n = 0;
    for (JsonNode sample : a.path("samples")) {
      out.println("  " + ++n + ". " + sample.asText().strip());
    }
    out.println();
    out.println("History:");
    TextTable history = new TextTable(List.of("STATUS", "AT (UTC)", "EVENTS", "ID"), 8, 20, 6, 40);
    detail
        .path("history")
        .forEach(
            h ->
                history.row(
                    h.path("status").asText(),
                    time(h.path("updatedAt").asText(null)),
                    h.path("count").asLong(),
                    h.path("id").asText()));
    history.print(out);
    out.println();
    out.println("Deliveries:");
    if (detail.path("receipts").isEmpty()) {
      out.println("  none recorded");
      return;
    }
    TextTable receipts =
        new TextTable(
            List.of("AT (UTC)", "RECEIVER", "SINK", "ATTEMPT", "OUTCOME", "HTTP", "ERROR"),
            20,
            24,
            10,
            7,
            10,
            4,
            40);
    detail
        .path("receipts")
        .forEach(
            d ->
                receipts.row(
                    time(d.path("at").asText(null)),
                    d.path("receiver").asText(),
                    d.path("sink").asText(),
                    d.path("attempt").asInt(),
                    d.path("outcome").asText(),
                    d.path("status").asText(null),
                    d.path("error").asText(null)));
    receipts.print(out);
  }

  /** The rule's description (its response steps) and runbook, or a note that it has none. */
  private static void whatToDo(PrintWriter out, JsonNode rule) {
    out.println();
    out.println("What to do:");
    String description = rule.path("description").asText("").strip();
    String runbook = rule.path("runbook").asText("").strip();
    if (rule.isMissingNode() || rule.isNull()) {
      out.println("  (the rule is no longer loaded on the server)");
      return;
    }
    description.lines().forEach(line -> out.println("  " + line));
    if (!runbook.isEmpty()) {
      out.println("  runbook: " + runbook);
    }
    if (description.isEmpty() && runbook.isEmpty()) {
      out.println(
          "  rule "
              + rule.path("id").asText()
              + " has no description or runbook; add them to "
              + rule.path("file").asText());
    }
  }

  /** {@code node} as indented JSON. */
  static String json(JsonNode node) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An ISO instant as {@code 2026-11-25 00:38:27Z}; {@code null} stays {@code null}. */
  static String time(String iso) {
    return iso == null ? null : iso.replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
  }

  private static void fact(PrintWriter out, String name, String value) {
    if (value != null && !value.isBlank()) {
      out.printf("  %-12s %s%n", name, value);
    }
  }

  private static String join(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return String.join(", ", values);
  }
}
