package io.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalApiTokenTest {

  @TempDir Path dataDir;

  @Test
  void shouldKeepTheSameTokenAcrossRunsInTheDataDirectory() throws Exception {
    String first = LocalApiToken.resolve(null, dataDir);
    String second = LocalApiToken.resolve("", dataDir);

    assertThat(first).startsWith("local-").isEqualTo(second);
    Path file = dataDir.resolve(LocalApiToken.FILE);
    assertThat(Files.readString(file).strip()).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void shouldPreferTheEnvironmentAndLeaveTheKeptTokenAlone() {
    String kept = LocalApiToken.resolve(null, dataDir);

    assertThat(LocalApiToken.resolve(" from-env ", dataDir)).isEqualTo("from-env");
    assertThat(LocalApiToken.resolve(null, dataDir)).isEqualTo(kept);
  }

  @Test
  void shouldMakeANewTokenWhenTheDataDirectoryIsFresh() throws Exception {
    String kept = LocalApiToken.resolve(null, dataDir);
    Files.delete(dataDir.resolve(LocalApiToken.FILE));

    assertThat(LocalApiToken.resolve(null, dataDir)).isNotEqualTo(kept).startsWith("local-");
  }
}
