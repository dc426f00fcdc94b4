package io.gmnstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalPipelineOptionsTest {

  @Test
  void defaultsToOneScoringThreadPerCoreUpToFour() {
    LocalPipelineOptions options = LocalPipelineOptions.defaults(Path.of("work"), Path.of("model"));

    assertThat(options.scoringThreads()).isEqualTo(Math.min(4, Runtime.getRuntime().availableProcessors()));
    assertThat(options.withScoringThreads(3).scoringThreads()).isEqualTo(3);
    assertThatThrownBy(() -> options.withScoringThreads(0)).hasMessage("scoringThreads must be at least 1, got 0");
  }
}
