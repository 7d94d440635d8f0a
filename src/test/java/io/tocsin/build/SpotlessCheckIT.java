package io.tocsin.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build rejects unformatted code rather than rewriting it: {@code spotless:check} with this
 * pom's formatter settings fails on a mis-formatted file and passes on a formatted one.
 */
class SpotlessCheckIT {

  private static final String FORMATTED =
      """
      package io.tocsin.probe;

      /** A probe. */
      public final class Probe {
        private Probe() {}
      }
      """;

  private static final String MISFORMATTED =
      """
      package io.tocsin.probe;
      /** A probe. */
      public final class Probe { private Probe( ) {  } }
      """;

  @TempDir Path project;

  @Test
  void shouldFailTheCheckOnAMisformattedFileAndPassOnAFormattedOne() throws Exception {
    Files.copy(Path.of("pom.xml"), project.resolve("pom.xml"));
    Path source = project.resolve("src/main/java/io/tocsin/probe/Probe.java");
    Files.createDirectories(source.getParent());

    Files.writeString(source, MISFORMATTED);
    Result bad = spotlessCheck();
    assertThat(bad.exit()).as(bad.output()).isNotZero();
    assertThat(bad.output()).contains("format violations").contains("Probe.java");
    assertThat(Files.readString(source)).as("the check never rewrites").isEqualTo(MISFORMATTED);

    Files.writeString(source, FORMATTED);
    Result good = spotlessCheck();
    assertThat(good.exit()).as(good.output()).isZero();
  }

  @Test
  void shouldCheckInVerifyAndNeverApplyDuringTheBuild() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    String spotless = pom.substring(pom.indexOf("<artifactId>spotless-maven-plugin</artifactId>"));
    spotless = spotless.substring(0, spotless.indexOf("</plugin>"));
    assertThat(spotless).contains("<goal>check</goal>").doesNotContain("<goal>apply</goal>");
    assertThat(spotless.substring(spotless.indexOf("<executions>")))
        .contains("<phase>verify</phase>");
  }

  private record Result(int exit, String output) {}

  private Result spotlessCheck() throws Exception {
    Path log = project.resolve("mvn.log");
    Process mvn =
        new ProcessBuilder(List.of("mvn", "-B", "-o", "spotless:check"))
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!mvn.waitFor(5, TimeUnit.MINUTES)) {
      mvn.destroyForcibly();
      throw new AssertionError("mvn spotless:check hung: " + Files.readString(log));
    }
    return new Result(mvn.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
