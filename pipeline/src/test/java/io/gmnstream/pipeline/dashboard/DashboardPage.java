package io.gmnstream.pipeline.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The run monitor's page through its stable DOM hooks ({@code table#runs tr[data-run-id][data-state]},
 * {@code canvas#run-chart[data-points]}, {@code ul#alerts li[data-alert-id][data-status]},
 * {@code #connection[data-state]}). The page re-renders the runs table on every event, so state is
 * read in one script call rather than through element handles that go stale in between.
 */
final class DashboardPage {

  /** An alert as the page lists it; {@code text} is what a reader sees. */
  record ShownAlert(String alertId, String runId, String status, String text) {}

  private final WebDriver driver;
  private final JavascriptExecutor js;
  private final Duration patience;
  private final String loadMarker = UUID.randomUUID().toString();

  private DashboardPage(WebDriver driver, Duration patience) {
    this.driver = driver;
    this.js = (JavascriptExecutor) driver;
    this.patience = patience;
  }

  /** Loads the page and marks the loaded document, so a reload can be told apart later. */
  static DashboardPage open(WebDriver driver, String url, Duration patience) {
    driver.get(url);
    DashboardPage page = new DashboardPage(driver, patience);
    page.js.executeScript("window.gmnTestLoadMarker = arguments[0];", page.loadMarker);
    return page;
  }

  /** Whether this is still the document {@link #open} loaded: live updates came without a reload. */
  boolean stillTheLoadedDocument() {
    return loadMarker.equals(js.executeScript("return window.gmnTestLoadMarker || null;"));
  }

  String connectionState() {
    return driver.findElement(By.id("connection")).getDomAttribute("data-state");
  }

  List<String> runIds() {
    return strings(js.executeScript(
        "return [...document.querySelectorAll('#runs tbody tr[data-run-id]')].map(r => r.dataset.runId);"));
  }

  /** The run's state badge (OK, WARNING, CRITICAL, STALE), empty while the table does not list it. */
  Optional<String> runState(String runId) {
    return Optional.ofNullable((String) js.executeScript(
        "const row = [...document.querySelectorAll('#runs tbody tr[data-run-id]')]"
            + ".find(r => r.dataset.runId === arguments[0]);"
            + "return row ? row.dataset.state : null;", runId));
  }

  /** The run the chart is for (its title). */
  String chartedRunId() {
    return driver.findElement(By.id("chart-title")).getText();
  }

  /** Whether the run's row is the highlighted one. */
  boolean isRowSelected(String runId) {
    return Boolean.TRUE.equals(js.executeScript(
        "return [...document.querySelectorAll('#runs tbody tr.selected')].some(r => r.dataset.runId === arguments[0]);",
        runId));
  }

  WebElement chart() {
    return driver.findElement(By.id("run-chart"));
  }

  /** Points plotted for the charted run (the page keeps {@code data-points} current). */
  int chartPoints() {
    String points = chart().getDomAttribute("data-points");
    return points == null || points.isBlank() ? 0 : Integer.parseInt(points);
  }

  /** Legend labels of the chart's series (predicted, gap, measured), from Chart.js itself. */
  List<String> chartSeries() {
    return strings(js.executeScript(
        "const chart = window.Chart && window.Chart.getChart(document.getElementById('run-chart'));"
            + "return chart ? chart.data.datasets.map(d => d.label) : [];"));
  }

  List<ShownAlert> alerts() {
    Object rows = js.executeScript(
        "return [...document.querySelectorAll('#alerts li[data-alert-id]')].map(li => ({"
            + " alertId: li.dataset.alertId, runId: li.dataset.runId || '', status: li.dataset.status,"
            + " text: li.innerText }));");
    List<ShownAlert> out = new ArrayList<>();
    for (Object row : (List<?>) rows) {
      Map<?, ?> alert = (Map<?, ?>) row;
      out.add(new ShownAlert((String) alert.get("alertId"), (String) alert.get("runId"), (String) alert.get("status"),
          (String) alert.get("text")));
    }
    return out;
  }

  /**
   * Clicks the run's row, as a user picks the run to chart, until the page has selected it: a live
   * re-render can replace or move the row between finding it and clicking it.
   */
  void selectRun(String runId) {
    waitUntil("the row of " + runId + " selected by a click", () -> {
      if (!isRowSelected(runId)) {
        driver.findElement(By.cssSelector("#runs tbody tr[data-run-id='" + runId + "']")).click();
      }
      return isRowSelected(runId);
    });
    // Off the table: rows re-sort live, and the pointer left there would hover-highlight another run's row.
    new Actions(driver).moveToElement(driver.findElement(By.cssSelector("header"))).perform();
  }

  /** Brings the alert into the alert list's view (the list scrolls on its own when long). */
  void scrollAlertIntoView(String alertId) {
    js.executeScript(
        "const li = [...document.querySelectorAll('#alerts li[data-alert-id]')]"
            + ".find(l => l.dataset.alertId === arguments[0]);"
            + "if (li) li.scrollIntoView({block: 'nearest'});", alertId);
  }

  /** Waits, polling the page, until {@code condition} holds; the message names what never happened. */
  <T> T waitUntil(String what, Supplier<T> condition) {
    return new WebDriverWait(driver, patience, Duration.ofMillis(250))
        .withMessage(() -> "the dashboard never showed " + what)
        .ignoring(StaleElementReferenceException.class)
        .until(d -> condition.get()); // false or null: not yet
  }

  /**
   * Saves what explains a run of the test: a screenshot, the live DOM and the page's console.
   * Never throws: it also runs after failures, where it must not hide the original one.
   */
  List<Path> saveArtifacts(Path dir, String name) {
    List<Path> saved = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      Path png = dir.resolve(name + ".png");
      Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      saved.add(png);
      Path html = dir.resolve(name + ".html");
      Files.writeString(html, (String) js.executeScript("return document.documentElement.outerHTML;"),
          StandardCharsets.UTF_8);
      saved.add(html);
      Path console = dir.resolve(name + "-console.log");
      Files.writeString(console, consoleLog(), StandardCharsets.UTF_8);
      saved.add(console);
    } catch (IOException | RuntimeException e) {
      System.err.println("could not save the dashboard's artifacts to " + dir + ": " + e);
    }
    return saved;
  }

  private String consoleLog() {
    try {
      return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .map(entry -> entry.getLevel() + " " + entry.getMessage())
          .collect(Collectors.joining("\n", "", "\n"));
    } catch (RuntimeException e) {
      return "the browser's console log is not available: " + e + "\n";
    }
  }

  private static List<String> strings(Object value) {
    return ((List<?>) value).stream().map(String::valueOf).toList();
  }
}
