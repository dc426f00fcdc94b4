package io.gmnstream.pipeline.dashboard;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through its own chromedriver. Both paths are given explicitly,
 * so Selenium Manager never tries to download a browser or a driver (CI has no network for it).
 *
 * <p>Where they are: system properties {@value #BROWSER_PROPERTY} and {@value #DRIVER_PROPERTY},
 * else environment variables {@value #BROWSER_ENV} and {@value #DRIVER_ENV}, else {@code chromium}
 * and {@code chromedriver} on the PATH. When either is missing the test is skipped on a developer's
 * machine and fails on CI ({@code CI=true}), where {@code .ci/run} installs them.
 */
final class HeadlessChromium {

  static final String BROWSER_PROPERTY = "gmn.test.chromium";
  static final String DRIVER_PROPERTY = "gmn.test.chromedriver";
  static final String BROWSER_ENV = "CHROMIUM_BIN";
  static final String DRIVER_ENV = "CHROMEDRIVER_BIN";

  private static final String INSTALL_HINT = "apt-get install chromium chromium-driver";

  /**
   * Selenium bundles DevTools bindings for a few Chrome versions only and warns at every start on
   * any other; this test uses no DevTools. Held here, as java.util.logging keeps loggers weakly.
   */
  private static final Logger CDP_VERSION_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_VERSION_LOG.setLevel(Level.SEVERE);
  }

  private HeadlessChromium() {}

  /**
   * Starts the browser with a window of {@code width} x {@code height} CSS pixels, writing
   * chromedriver's log to {@code driverLog}; skips or fails (see the class comment) when it is not installed.
   */
  static ChromeDriver start(int width, int height, Path driverLog) throws IOException {
    Path browser = locate(BROWSER_PROPERTY, BROWSER_ENV, "chromium", "chromium-browser");
    Path driver = locate(DRIVER_PROPERTY, DRIVER_ENV, "chromedriver");
    Files.createDirectories(driverLog.getParent());

    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // CI runs as root, where Chromium's sandbox refuses to start
        "--disable-dev-shm-usage", // container /dev/shm is often 64 MB: too small for the renderer
        "--disable-gpu",
        "--window-size=" + width + "," + height,
        "--force-device-scale-factor=1", // the same pixels everywhere, for a stable screenshot
        "--lang=en-US",
        "--no-first-run",
        "--disable-extensions");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL); // the page's console, saved with the screenshot
    options.setCapability("goog:loggingPrefs", logs);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));

    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driver.toFile())
        .usingAnyFreePort()
        .withLogFile(driverLog.toFile())
        .build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    return chrome;
  }

  /** The executable named by the property or environment variable, else the first of {@code names} on the PATH. */
  private static Path locate(String property, String env, String... names) {
    String configured = Optional.ofNullable(System.getProperty(property)).orElse(System.getenv(env));
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (!Files.isExecutable(path)) {
        missing(path + " (from " + property + " / " + env + ") is not an executable file");
      }
      return path;
    }
    String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String name : names) {
      Optional<Path> found = Stream.of(pathVariable.split(File.pathSeparator))
          .filter(dir -> !dir.isBlank())
          .map(dir -> Path.of(dir, name))
          .filter(Files::isExecutable)
          .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
    }
    missing(String.join(" or ", List.of(names)) + " is not on the PATH (nor set by " + property + " / " + env + ")");
    throw new AssertionError("unreachable");
  }

  /** Fails on CI, where the browser must be there; skips elsewhere, saying how to get it. */
  private static void missing(String what) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("The dashboard's browser test needs Chromium and chromedriver: " + what
          + ". .ci/run installs them (apt-get install chromium chromium-driver); run the build through .ci/run.");
    }
    Assumptions.abort("Skipping the dashboard's browser test: " + what
        + ". Install Chromium and chromedriver with: " + INSTALL_HINT);
  }
}
