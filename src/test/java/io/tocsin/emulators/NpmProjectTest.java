package io.tocsin.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the folder that pins the emulators. */
class NpmProjectTest {

  @TempDir Path dir;

  @Test
  void shouldFindThePackageJsonWalkingUp() throws IOException {
    Files.writeString(dir.resolve("package.json"), "{}");
    Path deep = Files.createDirectories(dir.resolve("a/b/c"));

    NpmProject project = NpmProject.locate(deep);

    assertThat(project.dir()).isEqualTo(dir.toAbsolutePath().normalize());
    assertThat(project.packageDir("dynalite"))
        .isEqualTo(project.dir().resolve("node_modules/dynalite"));
  }

  @Test
  void shouldFindThisProjectFromTheWorkingDirectory() {
    assertThat(NpmProject.locate().dir().resolve("package.json")).exists();
  }

  @Test
  void shouldSayWhatIsMissingWithoutAPackageJson() {
    assertThatThrownBy(() -> NpmProject.locate(Path.of("/")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no package.json in /")
        .hasMessageContaining("kinesis-local, dynalite");
  }
}
