package io.tocsin.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tocsin alerts list|show|tail|counts}: query the alerts tocsin raised, over its API. */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "Query the alerts a running tocsin raised (through its HTTP API).",
    subcommands = {
      AlertsCommand.ListAlerts.class,
      AlertsCommand.Show.class,
      AlertsTailCommand.class,
      AlertsCountsCommand.class
    },
    footer = {
      "",
      "The server comes from --server or TOCSIN_SERVER, the token from TOCSIN_API_TOKEN.",
      "",
      "Examples:",
      "  tocsin alerts list --status firing --severity critical,high",
      "  tocsin alerts show 170699516b6d6629596225b3cd9be871",
      "  tocsin alerts tail --severity critical",
      "  tocsin alerts counts --by rule --since 7d"
    })
public final class AlertsCommand implements Runnable {

  /** The length of a whole fingerprint (hex characters). */
  private static final int FULL_FINGERPRINT = 32;

  private final Function<String, String> env;

  @Spec CommandSpec spec;

  /** Reads the server and token from the process environment. */
  public AlertsCommand() {
    this(System::getenv);
  }

  /** Reads environment variables through {@code env} (tests pass their own). */
  public AlertsCommand(Function<String, String> env) {
    this.env = env;
  }

  /** The environment the subcommands read. */
  Function<String, String> env() {
    return env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code tocsin alerts list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description =
          "List current alerts (one per fingerprint): firing first, most severe first, then"
              + " longest firing.",
      footer = {
        "",
        "Filters combine with AND; comma-separated values of one filter with OR.",
        "ID is the start of the alert's fingerprint: `alerts show` takes it. STARTED and",
        "CHANGED say how long ago. The table fits $COLUMNS (default 80); the title is cut.",
        "STATUS ends in * when an active silence covers the alert.",
        "",
        "Examples:",
        "  tocsin alerts list --status firing --severity critical,high",
        "  tocsin alerts list --rule lambda-task-timeout --since 24h",
        "  tocsin alerts list --tag T1098 --all --json | jq '.alerts[].title'"
      })
  static final class ListAlerts implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand AlertsCommand parent;
    @Mixin ServerOptions server = new ServerOptions();
    @Mixin AlertFilters filters = new AlertFilters();
    @Mixin TimeRange range = new TimeRange();

    @Option(
        names = "--sort",
        defaultValue = "status",
        description = "status, newest, oldest, severity or count (default: ${DEFAULT-VALUE})")
    String sort;

    @Option(names = "--limit", defaultValue = "50", description = "alerts per page, at most 500")
    int limit;

    @Option(names = "--cursor", description = "continue after the page that printed this cursor")
    String cursor;

    @Option(names = "--all", description = "follow the cursor through every page")
    boolean all;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ApiClient client = server.client(parent.env());
      Map<String, Object> params = filters.params();
      params.putAll(range.params(Clock.systemUTC()));
      params.put("sort", sort);
      params.put("limit", limit);
      params.put("cursor", cursor);
      List<JsonNode> alerts = new ArrayList<>();
      JsonNode page;
      do {
        page = client.get("/api/alerts", params);
        page.path("alerts").forEach(alerts::add);
        params.put("cursor", page.path("next").asText(null));
      } while (all && !page.path("next").isNull());
      if (server.json) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("alerts").addAll(alerts);
        body.set("next", page.path("next"));
        out.println(AlertText.json(body));
        return 0;
      }
      AlertText.table(out, alerts, Instant.now(), terminalWidth(parent.env()));
      String next = page.path("next").asText(null);
      out.println();
      out.println(
          next == null
              ? alerts.size() + " alerts"
              : alerts.size() + " alerts shown; more with --all or --cursor " + next);
      return 0;
    }
  }

  /** The terminal's width from {@code $COLUMNS}, or 80 when it is unset or implausible. */
  static int terminalWidth(Function<String, String> env) {
    String columns = env.apply("COLUMNS");
    if (columns != null && columns.matches("\\d{2,4}")) {
      return Math.max(60, Integer.parseInt(columns));
    }
    return 80;
  }

  /** {@code tocsin alerts show}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description = "Show one alert: context, samples, history of state changes, deliveries.",
      footer = {
        "",
        "Examples:",
        "  tocsin alerts show 17069951",
        "  tocsin alerts show 170699516b6d6629596225b3cd9be871",
        "  tocsin alerts show 170699516b6d6629596225b3cd9be871 --json | jq .receipts"
      })
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand AlertsCommand parent;
    @Mixin ServerOptions server = new ServerOptions();

    @Parameters(
        paramLabel = "FINGERPRINT",
        description = "the alert fingerprint, or its start as `alerts list` shows it")
    String fingerprint;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ApiClient client = server.client(parent.env());
      JsonNode detail =
          client.get("/api/alerts/" + ApiClient.segment(resolve(client, fingerprint)), Map.of());
      if (server.json) {
        out.println(AlertText.json(detail));
      } else {
        StringWriter text = new StringWriter();
        AlertText.detail(new PrintWriter(text), detail);
        out.print(TerminalText.safeLines(text.toString()));
      }
      return 0;
    }

    /** The one fingerprint that starts with {@code prefix}; a whole fingerprint as it is. */
    private static String resolve(ApiClient client, String prefix) {
      if (prefix.length() >= FULL_FINGERPRINT || !prefix.matches("[0-9a-f]+")) {
        return prefix;
      }
      List<String> found = new ArrayList<>();
      client
          .get("/api/alerts", Map.of("q", prefix, "limit", 500))
          .path("alerts")
          .forEach(
              a -> {
                String candidate = a.path("fingerprint").asText();
                if (candidate.startsWith(prefix)) {
                  found.add(candidate);
                }
              });
      if (found.size() == 1) {
        return found.get(0);
      }
      throw new UserException(
          found.isEmpty()
              ? "no current alert has a fingerprint starting with " + prefix
              : prefix
                  + " is the start of "
                  + found.size()
                  + " fingerprints: "
                  + String.join(", ", found)
                  + "; give more characters");
    }
  }
}
