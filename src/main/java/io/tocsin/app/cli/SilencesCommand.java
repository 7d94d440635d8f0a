package io.tocsin.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tocsin silences list|create|expire}: manage silences through the API. */
@Command(
    name = "silences",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "List, create and expire silences (alerts recorded but not delivered).",
    subcommands = {
      SilencesCommand.ListSilences.class,
      SilencesCommand.Create.class,
      SilencesCommand.Expire.class
    },
    footer = {
      "",
      "Examples:",
      "  tocsin silences list",
      "  tocsin silences create -m rule=lambda-task-timeout -m 'log_group=~/aws/lambda/orders-.*' \\",
      "      --duration 2h --comment 'deploy CHG-1234'",
      "  tocsin silences expire 6f1c2a4e-0b7d-4a51-9a64-3f1c2b7a9d10"
    })
public final class SilencesCommand implements Runnable {

  private final Function<String, String> env;

  @Spec CommandSpec spec;

  /** Reads the server and token from the process environment. */
  public SilencesCommand() {
    this(System::getenv);
  }

  /** Reads environment variables through {@code env} (tests pass their own). */
  public SilencesCommand(Function<String, String> env) {
    this.env = env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static void print(PrintWriter out, List<JsonNode> silences) {
    TextTable table =
        new TextTable(
            List.of("ID", "STATE", "ENDS (UTC)", "MATCHERS", "BY", "COMMENT"),
            36,
            8,
            20,
            60,
            16,
            50);
    for (JsonNode s : silences) {
      List<String> matchers = new ArrayList<>();
      s.path("matchers")
          .forEach(
              m ->
                  matchers.add(
                      m.path("name").asText() + m.path("op").asText() + m.path("value").asText()));
      table.row(
          s.path("id").asText(),
          s.path("state").asText(),
          AlertText.time(s.path("endsAt").asText(null)),
          String.join(", ", matchers),
          s.path("createdBy").asText(),
          s.path("comment").asText());
    }
    table.print(out);
  }

  /** {@code tocsin silences list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description = "List silences in force or pending, newest first.",
      footer = {
        "",
        "Examples:",
        "  tocsin silences list",
        "  tocsin silences list --expired --json"
      })
  static final class ListSilences implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand SilencesCommand parent;
    @Mixin ServerOptions server = new ServerOptions();

    @Option(names = "--expired", description = "include expired silences")
    boolean expired;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      JsonNode body =
          server
              .client(parent.env)
              .get("/api/silences", expired ? Map.of("expired", "true") : Map.of());
      if (server.json) {
        out.println(AlertText.json(body));
        return 0;
      }
      List<JsonNode> silences = new ArrayList<>();
      body.path("silences").forEach(silences::add);
      print(out, silences);
      out.printf("%n%d silences%n", silences.size());
      return 0;
    }
  }

  /** {@code tocsin silences create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description = "Silence alerts matching every matcher for a while.",
      footer = {
        "",
        "Matchers: name=value, name!=value, name=~regex, name!~regex on an alert label:",
        "rule, severity, status, kind, account, region, log_group, principal, tag, or a",
        "routing label of the rule (e.g. team).",
        "",
        "Examples:",
        "  tocsin silences create -m rule=lambda-task-timeout --duration 2h \\",
        "      --comment 'deploy CHG-1234'",
        "  tocsin silences create -m severity=low -m account=123456789012 \\",
        "      --until 2026-11-27T08:00:00Z --comment 'noisy sandbox, TICKET-9'",
        "",
        "A matcher no loaded rule can satisfy (rule=no-such-rule, severity=critcal) is",
        "created with a warning; a silence of every alert (rule=~.*) needs --force."
      })
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand SilencesCommand parent;
    @Mixin ServerOptions server = new ServerOptions();

    @Option(
        names = {"-m", "--matcher"},
        required = true,
        paramLabel = "MATCHER",
        description = "a label matcher; repeat for more (all must match)")
    List<String> matchers;

    @ArgGroup(multiplicity = "1")
    End end;

    @Option(names = "--starts", paramLabel = "TIME", description = "ISO-8601 start; default now")
    String starts;

    @Option(names = "--comment", required = true, description = "why, with a ticket if any")
    String comment;

    @Option(names = "--created-by", paramLabel = "NAME", description = "who; default $USER")
    String createdBy;

    @Option(
        names = "--force",
        description = "create it even when its matchers match every alert (e.g. rule=~.*)")
    boolean force;

    /** How long: a duration or an end time. */
    static final class End {
      @Option(names = "--duration", paramLabel = "DURATION", description = "e.g. 2h, 1d")
      String duration;

      @Option(names = "--until", paramLabel = "TIME", description = "ISO-8601 end time")
      String until;
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
      if (value != null) {
        body.put(field, value);
      }
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ObjectNode body = Json.MAPPER.createObjectNode();
      matchers.forEach(body.putArray("matchers")::add);
      putIfSet(body, "duration", end.duration);
      putIfSet(body, "endsAt", end.until);
      putIfSet(body, "startsAt", starts);
      String who = createdBy != null ? createdBy : parent.env.apply("USER");
      body.put("createdBy", who == null || who.isBlank() ? "tocsin-cli" : who);
      body.put("comment", comment);
      if (force) {
        body.put("force", true);
      }
      JsonNode created = server.client(parent.env).post("/api/silences", body);
      if (server.json) {
        out.println(AlertText.json(created));
      } else {
        out.println("created silence " + created.path("id").asText());
        print(out, List.of(created));
        created.path("warnings").forEach(w -> out.println("warning: " + w.asText()));
      }
      return 0;
    }
  }

  /** {@code tocsin silences expire}. */
  @Command(
      name = "expire",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description = "End a silence now.",
      footer = {"", "Examples:", "  tocsin silences expire 6f1c2a4e-0b7d-4a51-9a64-3f1c2b7a9d10"})
  static final class Expire implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand SilencesCommand parent;
    @Mixin ServerOptions server = new ServerOptions();

    @Parameters(paramLabel = "ID", description = "the silence id (see list)")
    String id;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      JsonNode expired = server.client(parent.env).delete("/api/silences/" + ApiClient.segment(id));
      if (server.json) {
        out.println(AlertText.json(expired));
      } else {
        out.println("expired silence " + expired.path("id").asText());
      }
      return 0;
    }
  }
}
