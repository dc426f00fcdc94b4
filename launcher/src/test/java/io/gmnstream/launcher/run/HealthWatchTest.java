package io.gmnstream.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthWatchTest {
  private static final Duration POLL = Duration.ofMillis(10);

  private final AtomicInteger closes = new AtomicInteger();
  private final AtomicBoolean healthy = new AtomicBoolean(true);

  @Test
  void returnsOnceStopHasClosedTheService() throws Exception {
    HealthWatch watch = watch(() -> closes.incrementAndGet());
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> awaitStop(watch));

    Thread.sleep(50);
    assertThat(waiting).isNotDone();
    watch.stop();

    waiting.get(5, TimeUnit.SECONDS);
    assertThat(closes).hasValue(1);
  }

  @Test
  void closesTheServiceAndSaysWhyWhenItBecomesUnhealthy() throws Exception {
    HealthWatch watch = watch(() -> closes.incrementAndGet());
    healthy.set(false);

    assertThatThrownBy(watch::awaitStop).isInstanceOf(IllegalStateException.class)
        .hasMessage("the test service became unhealthy (streams=ERROR); stopped it");
    assertThat(closes).hasValue(1);

    watch.stop();  // the shutdown hook, as the JVM exits non-zero
    assertThat(closes).as("closed once").hasValue(1);
  }

  @Test
  void aServiceReportingItselfDownWhileBeingStoppedIsNoFailure() throws Exception {
    HealthWatch watch = watch(() -> {
      healthy.set(false);
      Thread.sleep(100);  // closing takes a few polls
      closes.incrementAndGet();
    });
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> awaitStop(watch));

    watch.stop();

    waiting.get(5, TimeUnit.SECONDS);
    assertThat(closes).hasValue(1);
  }

  @Test
  void keepsAFailureToCloseWithTheUnhealthyReport() {
    HealthWatch watch = watch(() -> {
      throw new IllegalStateException("could not stop cleanly");
    });
    healthy.set(false);

    assertThatThrownBy(watch::awaitStop).hasMessageContaining("became unhealthy")
        .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
            .extracting(Throwable::getMessage).isEqualTo("could not stop cleanly"));
  }

  private HealthWatch watch(AutoCloseable service) {
    return new HealthWatch("the test service", service, healthy::get, () -> "streams=ERROR", POLL);
  }

  private static void awaitStop(HealthWatch watch) {
    try {
      watch.awaitStop();
    } catch (Exception e) {
      throw new AssertionError("awaitStop failed", e);
    }
  }
}
