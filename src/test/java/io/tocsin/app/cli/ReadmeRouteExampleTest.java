package io.tocsin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.testing.MarkdownBlocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's routing example does what its text says: critical and high alerts page on-call, T1098
 * alerts reach security, and every alert also reaches the team's SNS topic — checked with {@code
 * tocsin routes test --expect} on the example itself.
 */
class ReadmeRouteExampleTest {

  @TempDir Path dir;
  private Path config;

  @BeforeEach
  void writeTheReadmesExample() throws IOException {
    String example =
        MarkdownBlocks.of(Path.of("README.md"), "yaml").stream()
            .filter(block -> block.startsWith("notify:") && block.contains("route:"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("README.md has no notify.route example"));
    config = Files.writeString(dir.resolve("tocsin.yaml"), example);
  }

  @Test
  void shouldPageOnCallAndTellTheTeamAboutACriticalAlert() {
    assertReaches("oncall,team-sns", "--severity", "critical");
  }

  @Test
  void shouldSendAHighT1098AlertToAllThreeReceivers() {
    assertReaches("oncall,security,team-sns", "--severity", "high", "--tag", "T1098");
  }

  @Test
  void shouldSendAMediumT1098AlertToSecurityAndTheTeam() {
    assertReaches("security,team-sns", "--severity", "medium", "--tag", "T1098");
  }

  @Test
  void shouldSendALowAlertToTheTeamOnly() {
    assertReaches("team-sns", "--severity", "low");
  }

  private void assertReaches(String receivers, String... alert) {
    String[] args = new String[alert.length + 5];
    args[0] = "test";
    args[1] = "-c";
    args[2] = config.toString();
    System.arraycopy(alert, 0, args, 3, alert.length);
    args[alert.length + 3] = "--expect";
    args[alert.length + 4] = receivers;
    CliRun run = CliRun.of(new RoutesCommand(), args);
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("ok: receivers as expected");
  }
}
