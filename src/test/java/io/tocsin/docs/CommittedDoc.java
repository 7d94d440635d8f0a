package io.tocsin.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated document committed under topology-docs/: checked against what the code generates now,
 * or rewritten when the build runs with {@code -Dtocsin.updateDocs=true}.
 */
final class CommittedDoc {

  private CommittedDoc() {}

  /**
   * Fails unless {@code file} holds exactly {@code expected}, naming {@code refresh}, the command
   * that regenerates it; with {@code -Dtocsin.updateDocs=true} writes it instead.
   */
  static void check(Path file, String expected, String refresh) throws IOException {
    if (Boolean.getBoolean("tocsin.updateDocs")) {
      Files.writeString(file, expected);
      return;
    }
    assertThat(Files.exists(file))
        .as("%s is missing; generate it with: %s", file, refresh)
        .isTrue();
    assertThat(Files.readString(file))
        .as("%s is stale (the code it documents changed); refresh it with: %s", file, refresh)
        .isEqualTo(expected);
  }
}
