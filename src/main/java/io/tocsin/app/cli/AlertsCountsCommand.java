package io.tocsin.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tocsin alerts counts}: how many incidents opened, by rule, severity or hour. */
@Command(
    name = "counts",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "Count incidents opened (alerts that fired) by rule, severity or hour.",
    footer = {
      "",
      "Without a range: the last 24 hours.",
      "",
      "Examples:",
      "  tocsin alerts counts --by rule",
      "  tocsin alerts counts --by hour --since 48h",
      "  tocsin alerts counts --by severity --from 2026-11-01T00:00:00Z --to 2026-11-08T00:00:00Z"
    })
final class AlertsCountsCommand implements Callable<Integer> {

  private static final int BAR = 40;

  @Spec CommandSpec spec;
  @ParentCommand AlertsCommand parent;
  @Mixin ServerOptions server = new ServerOptions();
  @Mixin TimeRange range = new TimeRange();

  @Option(
      names = "--by",
      required = true,
      paramLabel = "GROUPING",
      description = "rule, severity or hour")
  String by;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Object> params = range.params(Clock.systemUTC());
    params.put("by", by);
    JsonNode counts = server.client(parent.env()).get("/api/counts", params);
    if (server.json) {
      out.println(AlertText.json(counts));
      return 0;
    }
    long most = 1;
    for (JsonNode bucket : counts.path("buckets")) {
      most = Math.max(most, bucket.path("count").asLong());
    }
    TextTable table =
        new TextTable(List.of(by.toUpperCase(java.util.Locale.ROOT), "COUNT", ""), 40, 7, BAR);
    for (JsonNode bucket : counts.path("buckets")) {
      long count = bucket.path("count").asLong();
      String key = bucket.path("key").asText();
      table.row(
          by.equals("hour") ? AlertText.time(key) : key,
          count,
          "#".repeat((int) (BAR * count / most)));
    }
    table.print(out);
    out.printf(
        "%n%d incidents opened from %s to %s (UTC)%n",
        counts.path("total").asLong(),
        AlertText.time(counts.path("from").asText()),
        AlertText.time(counts.path("to").asText()));
    return 0;
  }
}
