package io.tocsin.app.cli;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * The development-only commands ({@code local}, {@code bench}): they need the in-process broker,
 * the emulators and the sample traffic, which only the development artifact ({@code
 * tocsin-dev.jar}) holds. Each is registered from its class when that class is present, and
 * otherwise as a stand-in that says in one line where the command lives (exit 2).
 */
final class DevCommands {

  /** The command that runs everything on this machine (local-mode logging applies to it). */
  static final String LOCAL = "local";

  /** Name → class of each development-only command; by name so the production jar can lack it. */
  static final List<List<String>> COMMANDS =
      List.of(
          List.of(LOCAL, "io.tocsin.app.cli.LocalCommand"),
          List.of("bench", "io.tocsin.app.cli.BenchCommand"));

  private DevCommands() {}

  /** Adds every development-only command to {@code root}: the real one or its stand-in. */
  static void addTo(CommandLine root) {
    for (List<String> command : COMMANDS) {
      String name = command.get(0);
      Object userObject = instantiate(command.get(1));
      root.addSubcommand(name, userObject != null ? userObject : new Absent(name));
    }
  }

  /** A new instance of {@code className}, or {@code null} when this artifact lacks the class. */
  static Object instantiate(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, true, DevCommands.class.getClassLoader());
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      return null;
    }
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      throw new IllegalStateException("cannot create the command " + className, cause);
    }
  }

  /** The stand-in for a development-only command in the production artifact. */
  @Command(
      description = {
        "(development artifact only: bin/tocsin builds and runs target/tocsin-dev.jar)"
      })
  static final class Absent implements Callable<Integer> {

    private final String name;

    @Unmatched List<String> ignored;

    Absent(String name) {
      this.name = name;
    }

    @Override
    public Integer call() {
      throw new UserException(
          name
              + " lives in the development artifact (tocsin-dev.jar, built by `bin/tocsin "
              + name
              + "` from a checkout); this production jar holds only what `tocsin run` needs");
    }
  }
}
