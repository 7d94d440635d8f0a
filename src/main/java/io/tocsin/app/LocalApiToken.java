package io.tocsin.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * The API token of {@code tocsin local}: the one set in the environment when there is one, else the
 * one kept in the data directory ({@code api-token}, created owner-only on the first run), so a
 * browser tab or a CLI session keeps working across restarts until {@code --fresh}.
 */
final class LocalApiToken {

  /** The file in the data directory that keeps the token. */
  static final String FILE = "api-token";

  private LocalApiToken() {}

  /** {@code fromEnvironment} when set, else the data directory's token (made when missing). */
  static String resolve(String fromEnvironment, Path dataDir) {
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.strip();
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!kept.isEmpty()) {
          return kept;
        }
        Files.delete(file);
      }
      String token = "local-" + UUID.randomUUID();
      Files.createDirectories(dataDir);
      create(file);
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the local API token in " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      // made by a run started at the same moment: write ours over it
    }
  }
}
