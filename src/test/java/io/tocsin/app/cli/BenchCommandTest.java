package io.tocsin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tocsin bench}'s command line; the bench itself is smoke-tested by {@code BenchTest}. */
class BenchCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int bench(String... args) {
    CommandLine cmd = new CommandLine(new BenchCommand());
    cmd.setExecutionExceptionHandler(new UserErrorHandler());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @Test
  void shouldRefuseAHeapSizeTheJvmWouldNotTakeBeforeMeasuringAnything() {
    int code = bench("--quick", "--heap", "lots");

    assertThat(code).isEqualTo(UserErrorHandler.USER_ERROR);
    assertThat(err.toString())
        .contains("--heap: expected a size such as 512m or 1g, got 'lots'")
        .doesNotContain("bench: generating");
  }

  @Test
  void shouldListEveryOptionWithItsDefaultInTheHelp() {
    int code = bench("--help");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("--quick", "--no-end-to-end", "--heap=SIZE", "default: 512m", "--seed=N");
  }
}
