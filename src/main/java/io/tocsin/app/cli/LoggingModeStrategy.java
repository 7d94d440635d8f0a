package io.tocsin.app.cli;

import io.tocsin.app.ops.LogSetup;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * Runs the parsed command as picocli's {@link CommandLine.RunLast} does, first switching Logback to
 * local mode when the command is {@code tocsin local}: its in-process broker's known warnings are
 * quieted there and only there.
 */
final class LoggingModeStrategy implements IExecutionStrategy {

  @Override
  public int execute(ParseResult parseResult) {
    List<CommandLine> commands = parseResult.asCommandLineList();
    CommandLine leaf = commands.get(commands.size() - 1);
    if (leaf.getCommandName().equals(DevCommands.LOCAL)
        && !(leaf.getCommand() instanceof DevCommands.Absent)
        && !leaf.getParseResult().isUsageHelpRequested()) {
      LogSetup.useLocalMode(LogSetup.context());
    }
    return new CommandLine.RunLast().execute(parseResult);
  }
}
