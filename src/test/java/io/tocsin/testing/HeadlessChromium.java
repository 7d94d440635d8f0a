package io.tocsin.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, set up as the local-infrastructure notes
 * say: explicit driver and browser paths (Selenium Manager never goes online), a fresh profile, XDG
 * folders in a temp directory and the driver log in a file.
 */
public final class HeadlessChromium implements AutoCloseable {

  /** Where Debian's chromium-driver package puts the driver. */
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriverService service;
  private final ChromeDriver driver;

  /** Starts a browser with its profile and logs under {@code dir}. */
  public HeadlessChromium(Path dir) {
    try {
      Path home = Files.createDirectories(dir.resolve("chromium"));
      service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(DRIVER.toFile())
              .usingAnyFreePort()
              .withEnvironment(
                  Map.of(
                      "XDG_CONFIG_HOME", Files.createDirectories(home.resolve("config")).toString(),
                      "XDG_CACHE_HOME", Files.createDirectories(home.resolve("cache")).toString()))
              .withLogFile(new File(home.resolve("chromedriver.log").toString()))
              .build();
      ChromeOptions options = new ChromeOptions();
      options.setBinary("/usr/bin/chromium");
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--no-default-browser-check",
          "--disable-extensions",
          "--window-size=1280,900",
          "--user-data-dir=" + Files.createDirectories(home.resolve("profile")));
      driver = new ChromeDriver(service, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The browser. */
  public ChromeDriver driver() {
    return driver;
  }

  /** A wait polling every 50 ms for up to {@code seconds}. */
  public WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50));
  }

  @Override
  public void close() {
    driver.quit();
    service.stop();
  }
}
