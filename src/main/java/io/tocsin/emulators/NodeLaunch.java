package io.tocsin.emulators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of an npm emulator: {@code node} with the loopback preload (every listener on
 * 127.0.0.1, whatever the emulator asks for), in a session of its own ({@code setsid}) so that a
 * terminal's Ctrl-C reaches tocsin's JVM only and the JVM stops the emulator last.
 */
final class NodeLaunch {

  private static final String PRELOAD = "/emulators/loopback.js";
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static Path preload;

  private NodeLaunch() {}

  /** {@code [setsid] node -r loopback.js script args…}. */
  static List<String> command(String script, String... args) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      // --wait: should setsid have to fork, it stays the parent, so its pid is the emulator's
      command.addAll(List.of(SETSID.toString(), "--wait"));
    }
    command.addAll(List.of("node", "-r", preload().toString(), script));
    command.addAll(List.of(args));
    return command;
  }

  /** The preload script, copied out of the jar once per JVM. */
  private static synchronized Path preload() {
    if (preload == null) {
      try (InputStream in = NodeLaunch.class.getResourceAsStream(PRELOAD)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + PRELOAD);
        }
        Path file = Files.createTempFile("tocsin-loopback-", ".js");
        file.toFile().deleteOnExit();
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        preload = file;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the emulators' loopback preload", e);
      }
    }
    return preload;
  }
}
