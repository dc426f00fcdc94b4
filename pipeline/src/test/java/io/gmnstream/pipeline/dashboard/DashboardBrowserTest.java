package io.gmnstream.pipeline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.pipeline.LocalPipeline;
import io.gmnstream.pipeline.LocalPipelineOptions;
import io.gmnstream.pipeline.observe.OutputWatcher;
import io.gmnstream.pipeline.replay.CheckpointPublisher;
import io.gmnstream.pipeline.replay.RecordedRun;
import io.gmnstream.pipeline.replay.TrainingReplay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The run monitor's page in a real browser, during an embedded run: headless Chromium opens the
 * dashboard before the training jobs publish, then sees the runs, a chart growing live and the
 * alert of a run gone NaN. Leaves {@code target/dashboard/dashboard.png} (the README's screenshot),
 * the page's DOM and console next to it, also when it fails.
 */
class DashboardBrowserTest {

  static final Path MODEL = Path.of("..", "models", "digits-gmn").toAbsolutePath().normalize();
  /** Surefire runs in the module's folder: this is pipeline/target/dashboard, which CI keeps. */
  static final Path ARTIFACTS = Path.of("target", "dashboard").toAbsolutePath();
  /** Deadline of every wait: generous, for a loaded two-core CI machine; nothing asserts on timing. */
  static final Duration PATIENCE = Duration.ofSeconds(90);
  /** Slow enough that the page sees several rounds of scores arrive while it is open. */
  static final double CHECKPOINTS_PER_SECOND = 3;
  /** Wide enough for the two-column layout (runs and chart left, alerts right) and tall enough for all of it. */
  static final int WIDTH = 1400;
  static final int HEIGHT = 1000;

  @TempDir Path work;

  private ChromeDriver browser;
  private LocalPipeline pipeline;
  private OutputWatcher output;
  private DashboardPage page;
  private final ExecutorService trainingJobs = Executors.newSingleThreadExecutor();
  private volatile boolean keepPublishing = true;
  private boolean artifactsSaved;

  @BeforeEach
  void startBrowser() throws Exception {
    // Before the pipeline: without a browser the test skips (or fails on CI) at no cost.
    browser = HeadlessChromium.start(WIDTH, HEIGHT, ARTIFACTS.resolve("chromedriver.log"));
  }

  /** Saves the page if the test did not get to, then stops everything, each step even when one before it failed. */
  @AfterEach
  void stopEverything() throws Exception {
    List<Throwable> failures = new ArrayList<>();
    if (page != null && !artifactsSaved) {
      page.saveArtifacts(ARTIFACTS, "dashboard"); // the page as it was when the test failed
    }
    keepPublishing = false;
    trainingJobs.shutdownNow();
    attempt(failures, () -> trainingJobs.awaitTermination(30, TimeUnit.SECONDS));
    attempt(failures, () -> {
      if (browser != null) {
        browser.quit();
      }
    });
    attempt(failures, () -> {
      if (output != null) {
        output.close();
      }
    });
    attempt(failures, () -> {
      if (pipeline != null) {
        pipeline.close();
      }
    });
    if (!failures.isEmpty()) {
      IllegalStateException failure = new IllegalStateException("could not stop the browser and the pipeline cleanly");
      failures.forEach(failure::addSuppressed);
      throw failure;
    }
  }

  private static void attempt(List<Throwable> failures, Executable step) {
    try {
      step.execute();
    } catch (Throwable t) {
      failures.add(t);
    }
  }

  @Test
  @Timeout(240)
  void shouldShowRunsAChartAndAnAlertLiveDuringAnEmbeddedRun() throws Exception {
    DashboardRuns.Played played = DashboardRuns.train(work.resolve("zoo"), "digits-run", 4);
    List<RecordedRun> runs = played.all();
    Set<String> runIds = Set.copyOf(runs.stream().map(RecordedRun::runId).toList());
    String divergedId = played.diverging().runId();

    pipeline = LocalPipeline.start(LocalPipelineOptions.defaults(work, MODEL).withDashboardPort(0));
    output = pipeline.watchOutput();
    page = DashboardPage.open(browser, pipeline.monitor().orElseThrow().dashboardUrl(), PATIENCE);
    page.waitUntil("the connection indicator live", () -> "live".equals(page.connectionState()));

    // The page is open before anything is published: all it shows comes live.
    Future<TrainingReplay.Published> published = publishInBackground(runs);

    // The first scored run is charted without a click, then gains points from the event stream.
    int firstPoints = page.waitUntil("a charted point", () -> page.chartPoints() > 0 ? page.chartPoints() : null);
    page.waitUntil("the chart growing past " + firstPoints + " points", () -> page.chartPoints() > firstPoints);

    page.waitUntil("every published run in the runs table", () -> Set.copyOf(page.runIds()).equals(runIds));
    assertThat(page.runIds()).containsExactlyInAnyOrderElementsOf(runIds);

    DashboardPage.ShownAlert alert = page.waitUntil("a non_finite_weights alert for " + divergedId,
        () -> page.alerts().stream()
            .filter(a -> a.runId().equals(divergedId) && a.text().contains("non_finite_weights"))
            .findFirst().orElse(null));
    assertThat(alert.status()).isEqualTo("FIRING");
    assertThat(alert.text()).contains("CRITICAL", "non_finite_weights", divergedId);
    page.waitUntil(divergedId + " in state CRITICAL",
        () -> page.runState(divergedId).filter("CRITICAL"::equals).isPresent());

    int checkpoints = runs.stream().mapToInt(r -> r.checkpoints().size()).sum();
    assertThat(published.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(new TrainingReplay.Published(runs.size(), checkpoints));
    // Every checkpoint scored: the table and chart end where training ended (the screenshot shows whole runs).
    output.await(s -> s.uniqueScores() >= checkpoints, PATIENCE);

    // Charts the run that learned best by clicking its row, as a user would: all its points, three series.
    RecordedRun charted = played.healthy().stream().max(Comparator.comparingDouble(DashboardRuns::finalTestAccuracy))
        .orElseThrow();
    page.selectRun(charted.runId());
    page.waitUntil(charted.runId() + " charted with all its checkpoints",
        () -> charted.runId().equals(page.chartedRunId()) && page.chartPoints() == charted.checkpoints().size());
    assertThat(page.chartSeries())
        .containsExactly("Predicted test accuracy", "Predicted generalisation gap", "Measured test accuracy");
    assertThat(page.chart().isDisplayed()).isTrue();
    Dimension size = page.chart().getSize();
    assertThat(size.getWidth()).isPositive();
    assertThat(size.getHeight()).isPositive();
    assertThat(page.chartPoints()).isGreaterThanOrEqualTo(2);
    assertThat(page.stillTheLoadedDocument()).as("live updates came without a reload").isTrue();

    page.scrollAlertIntoView(alert.alertId());
    assertThat(page.saveArtifacts(ARTIFACTS, "dashboard")).isNotEmpty();
    artifactsSaved = true;
  }

  /** Plays the runs as concurrent training jobs would, at a modest pace, while the test watches the page. */
  private Future<TrainingReplay.Published> publishInBackground(List<RecordedRun> runs) {
    return trainingJobs.submit(() -> {
      try (CheckpointPublisher publisher = pipeline.publisher()) {
        return new TrainingReplay(publisher).play(runs, CHECKPOINTS_PER_SECOND, () -> keepPublishing);
      }
    });
  }
}
