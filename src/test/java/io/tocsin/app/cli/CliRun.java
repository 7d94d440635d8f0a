package io.tocsin.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of a CLI command in tests: its exit code and what it printed.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(int code, String out, String err) {

  /** Runs {@code command} with {@code args} the way {@code tocsin} does (user errors exit 2). */
  static CliRun of(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(command);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    cmd.setExecutionExceptionHandler(new UserErrorHandler());
    int code = cmd.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
