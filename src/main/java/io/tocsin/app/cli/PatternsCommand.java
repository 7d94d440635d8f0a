package io.tocsin.app.cli;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tocsin patterns}: try CloudWatch Logs filter patterns on log lines and case files. */
@Command(
    name = "patterns",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "Work with CloudWatch Logs filter patterns (the tocsin rule language).",
    subcommands = {PatternsTestCommand.class, PatternsMatchCommand.class},
    footer = {
      "",
      "Examples:",
      "  tocsin patterns test cases.tsv",
      "  tail -f app.log | tocsin patterns match '\"[ERROR]\" -DEBUG'"
    })
public final class PatternsCommand implements Callable<Integer> {
  private final InputStream stdin;

  @Spec private CommandSpec spec;

  /** Reads standard input from {@link System#in}. */
  public PatternsCommand() {
    this(System.in);
  }

  /** Reads standard input from {@code stdin} (tests pass their own stream). */
  public PatternsCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  /** The stream subcommands read when no file is given. */
  InputStream stdin() {
    return stdin;
  }

  /** Without a subcommand: print the usage to stderr and fail as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** A short, stack-trace-free reason why a file could not be read. */
  static String describe(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof NoSuchFileException) {
      return "no such file";
    }
    if (cause instanceof AccessDeniedException) {
      return "permission denied";
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
