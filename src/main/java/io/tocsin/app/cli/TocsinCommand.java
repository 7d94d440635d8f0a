package io.tocsin.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code tocsin} command: lists the subcommands, does nothing by itself. */
@Command(
    name = "tocsin",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    versionProvider = VersionProvider.class,
    description = {
      "Streaming alert processor for AWS: CloudWatch Logs and CloudTrail from Kinesis,",
      "detection with Kafka Streams, alerts to SNS and PagerDuty."
    },
    subcommands = {
      RunCommand.class,
      RulesCommand.class,
      PatternsCommand.class,
      ReplayCommand.class,
      RoutesCommand.class,
      AlertsCommand.class,
      DeploysCommand.class,
      SilencesCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  tocsin local                 run everything on this machine with sample traffic",
      "  tocsin help local            options of one command",
      "",
      "Configuration: --config FILE (YAML) plus TOCSIN_<SECTION>__<KEY> environment variables."
    })
public final class TocsinCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * A configured command line for the root command, with exit codes for errors; the
   * development-only commands are added when this artifact holds them (see {@link DevCommands}).
   */
  public static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new TocsinCommand());
    DevCommands.addTo(cmd);
    cmd.addSubcommand(new CommandLine.HelpCommand());
    HelpLayout.install(cmd);
    cmd.setExecutionExceptionHandler(new UserErrorHandler());
    cmd.setExecutionStrategy(new LoggingModeStrategy());
    return cmd;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
