package io.gmnstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void shouldDoubleTheDelayUpToTheCap() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));

    assertThat(IntStream.rangeClosed(1, 6).mapToObj(backoff::delayBeforeRetry).map(Duration::toMillis))
        .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
  }

  @Test
  void shouldNotOverflowOnManyRetries() {
    Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));

    assertThat(backoff.delayBeforeRetry(64)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delayBeforeRetry(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldCountRetriesFromOne() {
    Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2));

    assertThatThrownBy(() -> backoff.delayBeforeRetry(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1-based");
  }
}
