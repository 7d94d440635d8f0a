package io.tocsin.app.cli;

import io.tocsin.pattern.FilterPattern;
import io.tocsin.pattern.LogInput;
import io.tocsin.pattern.PatternSyntaxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tocsin patterns test FILE.tsv}: checks every row of a pattern case file. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Run every row of a case file (pattern<TAB>log_message<TAB>match|nomatch[<TAB>note],"
          + " raw text, no escaping) and report the rows whose outcome differs.",
      "Blank lines, lines starting with # and a header row are skipped.",
      "Exit status: 0 when every row passed, 1 when any failed, 2 when the file cannot be read."
    },
    footer = {
      "",
      "Example:",
      "  tocsin patterns test src/test/resources/filter-patterns/cases.tsv"
    })
public final class PatternsTestCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.tsv", description = "The case file to run.")
  private Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> lines;
    try {
      lines = readLines(file);
    } catch (IOException | UncheckedIOException e) {
      spec.commandLine()
          .getErr()
          .println("tocsin: cannot read " + file + ": " + PatternsCommand.describe(e));
      spec.commandLine().getErr().flush();
      return 2;
    }
    int passed = 0;
    int failed = 0;
    for (PatternCase row : PatternCase.parse(lines)) {
      String actual = outcome(row);
      if (row.wellFormed() && actual.equals(row.expected())) {
        passed++;
      } else {
        failed++;
        report(out, row, actual);
      }
    }
    out.println(passed + " passed, " + failed + " failed");
    out.flush();
    return failed == 0 ? 0 : 1;
  }

  private static String outcome(PatternCase row) {
    if (!row.wellFormed()) {
      return "malformed row: expected pattern<TAB>log_message<TAB>match|nomatch[<TAB>note]";
    }
    try {
      boolean match =
          FilterPattern.compile(row.pattern()).matches(LogInput.ofMessage(row.message()));
      return match ? PatternCase.MATCH : PatternCase.NOMATCH;
    } catch (PatternSyntaxException e) {
      return "error: " + e.getMessage();
    }
  }

  private static void report(PrintWriter out, PatternCase row, String actual) {
    String verdict = row.wellFormed() ? "expected " + row.expected() + ", got " + actual : actual;
    out.println("line " + row.line() + ": " + verdict);
    out.println("  pattern: " + row.pattern());
    out.println("  message: " + (row.message() == null ? "" : row.message()));
    if (!row.note().isEmpty()) {
      out.println("  note:    " + row.note());
    }
  }

  /** Reads the file as UTF-8; undecodable bytes become U+FFFD rather than failing the run. */
  private static List<String> readLines(Path path) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8))) {
      return reader.lines().collect(Collectors.toList());
    }
  }
}
