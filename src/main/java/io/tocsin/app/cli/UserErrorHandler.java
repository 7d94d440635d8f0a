package io.tocsin.app.cli;

import io.tocsin.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns errors the user can fix (bad configuration, bad input) into one clear line on stderr and
 * exit code 2; anything else is a bug and keeps its stack trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

  /** Exit code for errors in configuration or input. */
  static final int USER_ERROR = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed)
      throws Exception {
    if (e instanceof ConfigException || e instanceof UserException) {
      cmd.getErr().println("tocsin: " + e.getMessage());
      return USER_ERROR;
    }
    throw e;
  }
}
