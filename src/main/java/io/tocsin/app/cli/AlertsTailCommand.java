package io.tocsin.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.config.ConfigException;
import io.tocsin.config.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tocsin alerts tail}: polls the API and prints each alert state change once, as it appears,
 * until interrupted (or after {@code --max} changes).
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "Print alert state changes as they happen (polls the API).",
    footer = {
      "",
      "Shows changes from now on; --since also prints the recent ones first. A change that",
      "is replaced before the next poll (fired and resolved within one interval) shows as",
      "its latest state only. --json prints one JSON alert per line.",
      "",
      "Examples:",
      "  tocsin alerts tail",
      "  tocsin alerts tail --severity critical,high --since 1h",
      "  tocsin alerts tail --rule cis-root-account-usage --max 1   # wait for the next one"
    })
final class AlertsTailCommand implements Callable<Integer> {

  private static final int POLL_LIMIT = 500;

  @Spec CommandSpec spec;
  @ParentCommand AlertsCommand parent;
  @Mixin ServerOptions server = new ServerOptions();
  @Mixin AlertFilters filters = new AlertFilters();

  @Option(
      names = "--since",
      paramLabel = "DURATION",
      description = "first print the changes of the last DURATION, e.g. 1h")
  String since;

  @Option(
      names = "--interval",
      defaultValue = "5s",
      paramLabel = "DURATION",
      description = "time between polls (default: ${DEFAULT-VALUE})")
  String interval;

  @Option(names = "--max", paramLabel = "N", description = "stop after printing N changes")
  Integer max;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ApiClient client = server.client(parent.env());
    Duration pause = duration("--interval", interval);
    Instant printFrom = since == null ? null : Instant.now().minus(duration("--since", since));
    Map<String, Object> params = filters.params();
    params.put("sort", "newest");
    params.put("limit", POLL_LIMIT);
    Set<String> seen = new HashSet<>();
    int printed = 0;
    boolean first = true;
    while (max == null || printed < max) {
      List<JsonNode> fresh = new ArrayList<>();
      for (JsonNode alert : client.get("/api/alerts", params).path("alerts")) {
        if (seen.add(alert.path("id").asText())) {
          boolean recent =
              printFrom != null
                  && !Instant.parse(alert.path("updatedAt").asText()).isBefore(printFrom);
          if (!first || recent) {
            fresh.add(0, alert);
          }
        }
      }
      for (JsonNode alert : fresh) {
        if (max != null && printed >= max) {
          break;
        }
        out.println(server.json ? alert.toString() : AlertText.line(alert));
        printed++;
      }
      out.flush();
      first = false;
      if (max == null || printed < max) {
        Thread.sleep(pause.toMillis());
      }
    }
    return 0;
  }

  private static Duration duration(String option, String text) {
    try {
      Duration d = Durations.parse(option, text);
      if (d.isZero()) {
        throw new UserException(option + ": must be more than 0");
      }
      return d;
    } catch (ConfigException e) {
      throw new UserException(e.getMessage());
    }
  }
}
