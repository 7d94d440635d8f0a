package io.tocsin.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
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

/** {@code tocsin deploys list|show}: the deployments the post-deployment watch judged. */
@Command(
    name = "deploys",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description =
        "List the deployments a running tocsin learned from CloudTrail and EventBridge, with"
            + " the post-deployment watch's verdicts (through its HTTP API).",
    subcommands = {DeploysCommand.ListDeploys.class, DeploysCommand.Show.class},
    footer = {
      "",
      "The server comes from --server or TOCSIN_SERVER, the token from TOCSIN_API_TOKEN.",
      "",
      "Examples:",
      "  tocsin deploys list --resource orders-api",
      "  tocsin deploys list --verdict regression,failed --since 24h",
      "  tocsin deploys show lambda:123456789012:us-east-1:orders-api:42"
    })
public final class DeploysCommand implements Runnable {

  private final Function<String, String> env;

  @Spec CommandSpec spec;

  /** Reads the server and token from the process environment. */
  public DeploysCommand() {
    this(System::getenv);
  }

  /** Reads environment variables through {@code env} (tests pass their own). */
  public DeploysCommand(Function<String, String> env) {
    this.env = env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code tocsin deploys list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description = "List deployments, most recent first, with verdict and error ratios.",
      footer = {
        "",
        "ERRORS is the error ratio of the baseline before the deploy, then after it.",
        "",
        "Examples:",
        "  tocsin deploys list --resource orders-api --limit 10",
        "  tocsin deploys list --verdict regression --json | jq '.deployments[].id'"
      })
  static final class ListDeploys implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand DeploysCommand parent;
    @Mixin ServerOptions server = new ServerOptions();
    @Mixin TimeRange range = new TimeRange();

    @Option(
        names = "--resource",
        split = ",",
        paramLabel = "NAME",
        description = "deployed resource (function, stack), comma-separated")
    List<String> resources = new ArrayList<>();

    @Option(
        names = "--kind",
        split = ",",
        paramLabel = "KIND",
        description = "lambda, apigateway, cloudformation, ecs, codedeploy")
    List<String> kinds = new ArrayList<>();

    @Option(
        names = "--verdict",
        split = ",",
        paramLabel = "VERDICT",
        description = "pending, verified, regression, failed, or none (not judged)")
    List<String> verdicts = new ArrayList<>();

    @Option(names = "--limit", defaultValue = "50", description = "deployments, at most 500")
    int limit;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Map<String, Object> params = range.params(Clock.systemUTC());
      params.put("resource", resources);
      params.put("kind", kinds);
      params.put("verdict", verdicts);
      params.put("limit", limit);
      JsonNode page = server.client(parent.env).get("/api/deployments", params);
      if (server.json) {
        out.println(AlertText.json(page));
        return 0;
      }
      DeployText.table(out, page.path("deployments"));
      int shown = page.path("deployments").size();
      out.println();
      out.println(
          page.path("next").isNull()
              ? shown + " deployments"
              : shown + " deployments shown; narrow with --since or --resource, or raise --limit");
      return 0;
    }
  }

  /** {@code tocsin deploys show}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description =
          "Show one deployment: who deployed what, its outcome, the verdict with the figures"
              + " before and after, and the alerts that started after it.",
      footer = {
        "",
        "Examples:",
        "  tocsin deploys show lambda:123456789012:us-east-1:orders-api:42",
        "  tocsin deploys show lambda:123456789012:us-east-1:orders-api:42 --json"
      })
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand DeploysCommand parent;
    @Mixin ServerOptions server = new ServerOptions();

    @Parameters(paramLabel = "ID", description = "the deployment id (see list --json)")
    String id;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      JsonNode detail =
          server.client(parent.env).get("/api/deployments/" + ApiClient.segment(id), Map.of());
      if (server.json) {
        out.println(AlertText.json(detail));
      } else {
        StringWriter text = new StringWriter();
        DeployText.detail(new PrintWriter(text), detail);
        out.print(TerminalText.safeLines(text.toString()));
      }
      return 0;
    }
  }
}
