package io.tocsin.app.cli;

import io.tocsin.config.ConfigError;
import io.tocsin.config.ConfigException;
import io.tocsin.rules.RuleError;
import io.tocsin.rules.RuleException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns errors the user can fix (bad configuration, bad rule files, bad input) into clear lines on
 * stderr and exit code 2; anything else is a bug and keeps its stack trace. Errors in files are
 * listed one per line as {@code file:line:column: …} (every error of the load at once), followed by
 * a one-line count such as {@code tocsin: 3 errors in 2 files}.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

  /** Exit code for errors in configuration or input. */
  static final int USER_ERROR = 2;

  private static final String ENVIRONMENT = "environment variable ";

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed)
      throws Exception {
    PrintWriter err = cmd.getErr();
    if (e instanceof RuleException rules) {
      List<String> files = rules.errors().stream().map(RuleError::file).distinct().toList();
      list(err, rules.errors().stream().map(RuleError::text).toList(), files.size(), false);
      return USER_ERROR;
    }
    if (e instanceof ConfigException config && inFiles(config.errors())) {
      List<String> sources = config.errors().stream().map(ConfigError::source).distinct().toList();
      long files = sources.stream().filter(s -> !s.startsWith(ENVIRONMENT)).count();
      boolean environment = sources.size() > files;
      list(err, config.errors().stream().map(ConfigError::text).toList(), files, environment);
      return USER_ERROR;
    }
    if (e instanceof ConfigException || e instanceof UserException) {
      err.println("tocsin: " + TerminalText.safeLines(e.getMessage()));
      return USER_ERROR;
    }
    throw e;
  }

  private static boolean inFiles(List<ConfigError> errors) {
    return errors.stream().anyMatch(c -> !c.source().isEmpty() && !c.source().equals("defaults"));
  }

  private static void list(PrintWriter err, List<String> lines, long files, boolean environment) {
    lines.forEach(line -> err.println(TerminalText.safe(line)));
    String count = lines.size() + (lines.size() == 1 ? " error" : " errors");
    String where = files == 0 ? "" : " in " + files + (files == 1 ? " file" : " files");
    if (environment) {
      where += files == 0 ? " in the environment" : " and the environment";
    }
    err.println("tocsin: " + count + where);
  }
}
