package io.gmnstream.streamjobs.hooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

  private static final Duration INITIAL = Duration.ofMillis(500);
  private static final Duration MAX = Duration.ofSeconds(30);

  @Test
  void shouldGrowUntilTheCapWhenAttemptsKeepFailing() {
    List<Duration> schedule = schedule(new ExponentialBackoff(INITIAL, MAX, 7), 10);

    for (int i = 1; i < schedule.size(); i++) {
      Duration before = schedule.get(i - 1);
      Duration now = schedule.get(i);
      assertThat(now.compareTo(before) > 0 || now.compareTo(MAX.multipliedBy(8).dividedBy(10)) >= 0)
          .as("delay %d (%s) grows over %s until near the cap", i + 1, now, before).isTrue();
    }
    assertThat(schedule).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(MAX));
  }

  @Test
  void shouldJitterDownByAtMostTwentyPercentWhenComputingADelay() {
    List<Duration> schedule = schedule(new ExponentialBackoff(INITIAL, MAX, 7), 4);

    for (int i = 0; i < schedule.size(); i++) {
      long base = INITIAL.toMillis() << i;
      assertThat(schedule.get(i).toMillis()).isBetween(base * 8 / 10, base);
    }
  }

  @Test
  void shouldGiveOneScheduleWhenSeedIsTheSame() {
    assertThat(schedule(new ExponentialBackoff(INITIAL, MAX, 42), 6))
        .isEqualTo(schedule(new ExponentialBackoff(INITIAL, MAX, 42), 6))
        .isNotEqualTo(schedule(new ExponentialBackoff(INITIAL, MAX, 43), 6));
  }

  @Test
  void shouldHonourRetryAfterUpToTheCapWhenReceiverSendsOne() {
    ExponentialBackoff backoff = new ExponentialBackoff(INITIAL, MAX, 7);

    assertThat(backoff.delayBeforeRetry(1, Optional.of(Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.delayBeforeRetry(1, Optional.of(Duration.ofHours(1)))).isEqualTo(MAX);
  }

  @Test
  void shouldStayAtTheCapWhenVeryManyAttemptsFailed() {
    Duration delay = new ExponentialBackoff(INITIAL, MAX, 7).delayBeforeRetry(10_000, Optional.empty());

    assertThat(delay).isBetween(MAX.multipliedBy(8).dividedBy(10), MAX);
  }

  private static List<Duration> schedule(ExponentialBackoff backoff, int retries) {
    return IntStream.rangeClosed(1, retries)
        .mapToObj(failed -> backoff.delayBeforeRetry(failed, Optional.empty())).toList();
  }
}
