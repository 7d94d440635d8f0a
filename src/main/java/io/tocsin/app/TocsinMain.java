package io.tocsin.app;

import io.tocsin.app.cli.TocsinCommand;

/** The {@code tocsin} executable: parses the command line and exits with the command's code. */
public final class TocsinMain {

  private TocsinMain() {}

  /** Runs {@code tocsin ARGS…}. */
  public static void main(String[] args) {
    System.exit(TocsinCommand.commandLine().execute(args));
  }
}
