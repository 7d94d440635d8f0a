package io.tocsin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's {@code --help} fits an 80-column terminal and keeps its sentences whole. */
class HelpTest {

  private static final int WIDTH = 80;

  /** Every command under the root, the root included, at a fixed 80-column width. */
  private static List<CommandLine> everyCommand() {
    List<CommandLine> all = new ArrayList<>();
    collect(TocsinCommand.commandLine(), all);
    all.forEach(
        c -> {
          c.setUsageHelpAutoWidth(false);
          c.setUsageHelpWidth(WIDTH);
        });
    return all;
  }

  private static void collect(CommandLine command, List<CommandLine> into) {
    into.add(command);
    command.getSubcommands().values().stream().distinct().forEach(c -> collect(c, into));
  }

  @Test
  void shouldFitEveryHelpLineInEightyColumns() {
    SoftAssertions soft = new SoftAssertions();
    for (CommandLine command : everyCommand()) {
      String name = command.getCommandSpec().qualifiedName();
      command
          .getUsageMessage()
          .lines()
          .forEach(
              line ->
                  soft.assertThat(line.length()).as(name + ": " + line).isLessThanOrEqualTo(WIDTH));
    }
    soft.assertAll();
  }

  @Test
  void shouldKeepEveryWordOfDescriptionsAndFootersInOrder() {
    SoftAssertions soft = new SoftAssertions();
    for (CommandLine command : everyCommand()) {
      String name = command.getCommandSpec().qualifiedName();
      String printed = normalized(command.getUsageMessage());
      CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
      List<String> written = new ArrayList<>(List.of(usage.description()));
      written.addAll(List.of(usage.footer()));
      for (String line : written) {
        soft.assertThat(printed).as(name).contains(normalized(line.replace("%n", " ")));
      }
    }
    soft.assertAll();
  }

  @Test
  void shouldWrapProseAtSpacesAndExamplesUnderTheirOwnColumn() {
    CommandLine local =
        everyCommand().stream()
            .filter(c -> c.getCommandSpec().qualifiedName().equals("tocsin local"))
            .findFirst()
            .orElseThrow();
    List<String> lines = local.getUsageMessage().lines().toList();

    assertThat(lines)
        .containsSubsequence(
            "  tocsin local                     run until Ctrl-C, keeping data in",
            "                                   ./local-data")
        .noneMatch(
            line -> line.equals("(Lambda,") || line.equals("every") || line.equals("minutes"));
  }

  private static String normalized(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  @Test
  void shouldListEverySubcommandWithAWholeSentence() {
    SoftAssertions soft = new SoftAssertions();
    for (CommandLine command : everyCommand()) {
      for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
        String summary = HelpLayout.summary(sub.getValue().getCommandSpec().usageMessage());
        soft.assertThat(summary)
            .as(command.getCommandName() + " " + sub.getKey() + " in the command list")
            .matches("[A-Z].*[.]");
      }
    }
    soft.assertAll();
    assertThat(everyCommand()).hasSizeGreaterThan(10);
    assertThat(normalized(everyCommand().get(0).getUsageMessage()))
        .contains("run Run tocsin in production against an existing Kafka cluster (Amazon MSK or");
  }
}
