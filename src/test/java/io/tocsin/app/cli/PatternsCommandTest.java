package io.tocsin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The patterns CLI run in-process through picocli with captured streams. */
class PatternsCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String stdin, String... args) {
    CommandLine cmd =
        new CommandLine(
            new PatternsCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(PatternsCommandTest.class.getResource("/filter-patterns/" + name).toURI());
  }

  @Test
  void shouldPassEveryRowOfTheSpecCaseFile() throws Exception {
    int exit = run("", "test", resource("cases.tsv").toString());

    assertThat(out.toString()).isEqualTo("144 passed, 0 failed" + System.lineSeparator());
    assertThat(exit).isZero();
  }

  @Test
  void shouldReportFailingRowsWithLineNumbersAndExitOne() throws IOException {
    Path file = dir.resolve("cases.tsv");
    Files.writeString(
        file,
        String.join(
            "\n",
            "pattern\tlog_message\texpected\tnote",
            "# a comment",
            "",
            "ERROR\tERROR here\tmatch",
            "ERROR\tall fine\tmatch\twrong on purpose",
            "{ $.a = \tx\tnomatch",
            "only two\tcolumns",
            "ERROR\tERROR here\tMATCH"));

    int exit = run("", "test", file.toString());

    String output = out.toString();
    assertThat(exit).isEqualTo(1);
    assertThat(output)
        .contains("line 5: expected match, got nomatch")
        .contains("  pattern: ERROR")
        .contains("  message: all fine")
        .contains("  note:    wrong on purpose")
        .contains("line 6: expected nomatch, got error: Invalid filter pattern at position 0:")
        .contains("line 7: malformed row: expected pattern<TAB>log_message<TAB>match|nomatch")
        .contains("line 8: malformed row")
        .endsWith("1 passed, 4 failed" + System.lineSeparator());
  }

  @Test
  void shouldExitTwoNamingAnUnreadableFile() {
    int exit = run("", "test", dir.resolve("missing.tsv").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("tocsin: cannot read")
        .contains("missing.tsv: no such file");
  }

  @Test
  void shouldPrintMatchingLinesFromStdin() {
    int exit = run("INFO ok\nERROR bad\n{\"level\":\"ERROR\"}\n", "match", "{ $.level = ERROR }");

    assertThat(out.toString()).isEqualTo("{\"level\":\"ERROR\"}" + System.lineSeparator());
    assertThat(exit).isZero();
  }

  @Test
  void shouldReadFilesAndAcceptPatternsStartingWithMinus() throws IOException {
    Path log = dir.resolve("app.log");
    Files.writeString(log, "DEBUG x\nINFO y\n");

    int exit = run("", "match", "--", "-DEBUG", log.toString());

    assertThat(out.toString()).isEqualTo("INFO y" + System.lineSeparator());
    assertThat(exit).isZero();
  }

  @Test
  void shouldExitOneWhenNothingMatches() {
    assertThat(run("INFO ok\n", "match", "ERROR")).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldRejectInvalidPatternWithoutStackTrace() {
    int exit = run("x\n", "match", "{ $.a = 1 AND $.b = 2 }");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "tocsin: invalid filter pattern at position 10: Expected '&&', '||' or the closing"
                + " '}' but found 'A'"
                + System.lineSeparator());
  }

  @Test
  void shouldShowHelpWithExamples() {
    assertThat(run("", "test", "--help")).isZero();
    assertThat(run("", "match", "--help")).isZero();
    assertThat(run("", "--help")).isZero();

    assertThat(out.toString())
        .contains("Usage: patterns test")
        .contains("tocsin patterns test src/test/resources/filter-patterns/cases.tsv")
        .contains("Usage: patterns match")
        .contains("tail -f app.log | tocsin patterns match")
        .contains("Usage: patterns [-hV] [COMMAND]");
  }

  @Test
  void shouldPrintUsageAndExitTwoWithoutSubcommand() {
    assertThat(run("")).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: patterns");
  }
}
