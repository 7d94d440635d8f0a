package io.tocsin.app.cli;

import io.tocsin.rules.RuleExamples;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tocsin rules validate|test}: check rule files before deploying them. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "Validate rule files and run their inline tests.",
    subcommands = {RulesCommand.Validate.class, RulesCommand.Test.class})
public final class RulesCommand implements Runnable {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options shared by the subcommands. */
  static class Selection {
    @Parameters(
        paramLabel = "DIR",
        arity = "0..*",
        description = "rule directories or files (*.yaml, *.yml); none = the default pack only")
    List<Path> dirs = List.of();

    @Option(names = "--no-defaults", description = "leave out the default rule pack")
    boolean noDefaults;

    /** The rules; a {@link io.tocsin.rules.RuleException} is reported by the error handler. */
    RuleSet load() {
      return RuleLoader.load(dirs, !noDefaults);
    }
  }

  /** {@code tocsin rules validate}. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description = {
        "Check rule files against the schema and compile every pattern. SigmaHQ rule files",
        "(logsource aws/cloudtrail) are compiled too; exit 1 when one is refused. Every",
        "error is one line FILE:LINE:COLUMN: rule ID: field PATH: what is wrong, all",
        "at once, then a count; exit 2 when there is any."
      },
      footer = {
        "",
        "Examples:",
        "  tocsin rules validate rules/            the default pack plus ./rules",
        "  tocsin rules validate --no-defaults my-rules.yaml",
        "  tocsin rules validate sigma/rules/cloud/aws/cloudtrail/"
      })
  static final class Validate implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @picocli.CommandLine.Mixin Selection selection = new Selection();

    @Override
    public Integer call() {
      RuleSet rules = selection.load();
      PrintWriter out = spec.commandLine().getOut();
      rules.refused().forEach(r -> out.println(TerminalText.safe(r.text())));
      out.printf("%d rules valid", rules.size());
      if (!rules.refused().isEmpty()) {
        out.printf(", %d Sigma rules refused", rules.refused().size());
      }
      out.println();
      return rules.refused().isEmpty() ? 0 : 1;
    }
  }

  /** {@code tocsin rules test}. */
  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description = "Run the inline tests of rules; exit 1 if any fails.",
      footer = {
        "",
        "Examples:",
        "  tocsin rules test                       the default pack's own tests",
        "  tocsin rules test rules/ --verbose      also list the passing tests"
      })
  static final class Test implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @picocli.CommandLine.Mixin Selection selection = new Selection();

    @Option(names = "--verbose", description = "print passing tests too")
    boolean verbose;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      RuleSet rules = selection.load();
      int passed = 0;
      int failed = 0;
      for (RuleExamples.Outcome outcome : RuleExamples.run(rules)) {
        if (outcome.passed()) {
          passed++;
          if (verbose) {
            out.println("ok    " + outcome.label());
          }
        } else {
          failed++;
          out.printf(
              "FAIL  %s: %s (%s)%n", outcome.label(), outcome.problem(), outcome.rule().file());
        }
      }
      out.printf("%d passed, %d failed%n", passed, failed);
      return failed == 0 ? 0 : 1;
    }
  }
}
