package io.tocsin.app.cli;

import io.tocsin.pattern.FilterPattern;
import io.tocsin.pattern.LogInput;
import io.tocsin.pattern.PatternSyntaxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tocsin patterns match PATTERN [FILE…]}: prints the log lines a filter pattern matches. */
@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Print the lines of the files (or of standard input) that match a CloudWatch Logs filter"
          + " pattern; each line is one log event.",
      "Put -- before a pattern that starts with '-', such as -DEBUG.",
      "Exit status: 0 when a line matched, 1 when none did, 2 for an invalid pattern or an"
          + " unreadable file."
    },
    footer = {
      "",
      "Examples:",
      "  tocsin patterns match '{ $.errorCode = \"AccessDenied*\" }' cloudtrail.jsonl",
      "  tail -f app.log | tocsin patterns match '?ERROR ?Exception'"
    })
public final class PatternsMatchCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @ParentCommand private PatternsCommand parent;

  @Parameters(index = "0", paramLabel = "PATTERN", description = "The filter pattern.")
  private String pattern;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "FILE",
      description = "Files to read; standard input when none is given.")
  private List<Path> files = List.of();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FilterPattern compiled;
    try {
      compiled = FilterPattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      err.println("tocsin: invalid filter pattern at position " + e.position() + ": " + e.reason());
      err.flush();
      return 2;
    }
    boolean matched = false;
    if (files.isEmpty()) {
      matched = printMatches(compiled, parent.stdin(), out);
    }
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        matched |= printMatches(compiled, in, out);
      } catch (IOException | UncheckedIOException e) {
        out.flush();
        err.println("tocsin: cannot read " + file + ": " + PatternsCommand.describe(e));
        err.flush();
        return 2;
      }
    }
    out.flush();
    return matched ? 0 : 1;
  }

  private static boolean printMatches(FilterPattern pattern, InputStream in, PrintWriter out) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    boolean matched = false;
    for (String line : (Iterable<String>) reader.lines()::iterator) {
      if (pattern.matches(LogInput.ofMessage(line))) {
        out.println(line);
        matched = true;
      }
    }
    return matched;
  }
}
