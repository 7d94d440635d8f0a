package io.tocsin.app.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (or "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = TocsinCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "tocsin " + (version == null ? "dev" : version), "Java " + Runtime.version()
    };
  }
}
