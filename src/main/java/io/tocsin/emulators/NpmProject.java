package io.tocsin.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project folder whose {@code package.json} and lock file pin the npm emulators, and their
 * installation there with {@code npm ci} when missing.
 */
public final class NpmProject {

  private static final Logger LOG = LoggerFactory.getLogger(NpmProject.class);
  private static final long INSTALL_TIMEOUT_MINUTES = 5;

  private final Path dir;

  private NpmProject(Path dir) {
    this.dir = dir;
  }

  /** The nearest folder with a {@code package.json}, walking up from the working directory. */
  public static NpmProject locate() {
    return locate(Path.of(System.getProperty("user.dir")));
  }

  /** The nearest folder with a {@code package.json}, walking up from {@code start}. */
  public static NpmProject locate(Path start) {
    for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("package.json"))) {
        return new NpmProject(p);
      }
    }
    throw new IllegalStateException(
        "no package.json in "
            + start.toAbsolutePath()
            + " or any parent: run tocsin from its project folder, which pins the local"
            + " emulators (kinesis-local, dynalite) in package.json");
  }

  /** The project folder. */
  public Path dir() {
    return dir;
  }

  /** Where npm installed {@code pkg}. */
  public Path packageDir(String pkg) {
    return dir.resolve("node_modules").resolve(pkg);
  }

  /**
   * Runs {@code npm ci} in the project folder unless every one of {@code packages} is installed.
   * Concurrent callers on this machine (e.g. parallel test JVMs) install once, in turn.
   */
  public void ensureInstalled(String... packages) {
    if (installed(packages)) {
      return;
    }
    Path lock =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "tocsin-npm-" + Integer.toHexString(dir.hashCode()) + ".lock");
    try (FileChannel channel =
        FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock held = channel.lock();
      try {
        if (!installed(packages)) {
          npmCi();
        }
      } finally {
        held.release();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + lock + " to install the emulators", e);
    }
    if (!installed(packages)) {
      throw new IllegalStateException("npm ci in " + dir + " did not install " + List.of(packages));
    }
  }

  private boolean installed(String... packages) {
    for (String pkg : packages) {
      if (!Files.isRegularFile(packageDir(pkg).resolve("package.json"))) {
        return false;
      }
    }
    return true;
  }

  private void npmCi() {
    LOG.info("installing the local emulators with npm ci in {}", dir);
    try {
      Path log = Files.createTempFile("tocsin-npm-ci", ".log");
      ProcessBuilder builder =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Process npm;
      try {
        npm = builder.start();
      } catch (IOException e) {
        throw new IllegalStateException(
            "npm is not installed or not on PATH; install Node.js 20 (with npm) to run the local"
                + " emulators",
            e);
      }
      if (!npm.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        npm.destroyForcibly();
        throw new IllegalStateException(
            "npm ci in " + dir + " took over " + INSTALL_TIMEOUT_MINUTES + " minutes; see " + log);
      }
      if (npm.exitValue() != 0) {
        throw new IllegalStateException(
            "npm ci in "
                + dir
                + " failed (exit "
                + npm.exitValue()
                + "): "
                + Files.readString(log));
      }
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing the emulators", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
