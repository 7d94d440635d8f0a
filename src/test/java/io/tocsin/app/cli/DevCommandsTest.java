package io.tocsin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The development-only commands: present in the development artifact, a pointer elsewhere. */
class DevCommandsTest {

  @Test
  void shouldNameTheClassesOfTheDevelopmentOnlyCommands() {
    assertThat(DevCommands.COMMANDS)
        .containsExactly(
            List.of("local", LocalCommand.class.getName()),
            List.of("bench", BenchCommand.class.getName()));
  }

  @Test
  void shouldRegisterTheRealCommandsWhereTheirClassesArePresent() {
    CommandLine root = TocsinCommand.commandLine();
    Object local = root.getSubcommands().get("local").getCommand();
    Object bench = root.getSubcommands().get("bench").getCommand();
    assertThat(local).isInstanceOf(LocalCommand.class);
    assertThat(bench).isInstanceOf(BenchCommand.class);
    assertThat(root.getSubcommands()).containsKeys("run", "replay", "help");
  }

  @Test
  void shouldFindNoClassWhereTheArtifactLacksIt() {
    assertThat(DevCommands.instantiate("io.tocsin.app.cli.NoSuchCommand")).isNull();
  }

  @Test
  void shouldSayInOneLineWhereAnAbsentCommandLivesAndExit2() {
    CommandLine root = new CommandLine(new TocsinCommand());
    root.addSubcommand("local", new DevCommands.Absent("local"));
    root.setExecutionExceptionHandler(new UserErrorHandler());
    StringWriter err = new StringWriter();
    root.setErr(new PrintWriter(err, true));

    int exit = root.execute("local", "--fresh", "--for", "2m");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().lines().toList())
        .singleElement()
        .asString()
        .startsWith("tocsin: local lives in the development artifact (tocsin-dev.jar");
  }
}
