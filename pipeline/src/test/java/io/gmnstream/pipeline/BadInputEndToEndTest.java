package io.gmnstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.pipeline.observe.OutputTally;
import io.gmnstream.pipeline.observe.OutputWatcher;
import io.gmnstream.pipeline.replay.BadInput;
import io.gmnstream.pipeline.replay.BadInputs;
import io.gmnstream.pipeline.replay.CheckpointPublisher;
import io.gmnstream.pipeline.replay.RecordedRun;
import io.gmnstream.pipeline.replay.SyntheticRuns;
import io.gmnstream.pipeline.replay.TrainingReplay;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.DeadLetterReason;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bad input of every kind goes to dead letters with its reason; the good records around it are all scored. */
class BadInputEndToEndTest {

  static final long MAX_PARAMETERS = 20_000;

  @TempDir Path work;

  @Test
  @Timeout(240)
  void everyKindOfBadInputIsDeadLetteredWithItsReasonAndEveryGoodCheckpointIsScored() throws Exception {
    LocalPipelineOptions options =
        LocalPipelineOptions.defaults(work, PipelineFixture.MODEL).withMaxParameters(MAX_PARAMETERS);
    List<RecordedRun> good = SyntheticRuns.smallCnns("good", 10, 4, 2);

    try (LocalPipeline pipeline = LocalPipeline.start(options);
        OutputWatcher output = pipeline.watchOutput()) {
      List<BadInput> bad = new BadInputs(pipeline.stack().registryClient(), options.blobDir())
          .oneOfEach("bad", MAX_PARAMETERS);
      assertThat(bad).hasSize(9);

      // Good runs, then every bad record, then the rest of the good runs: the bad sit between good ones.
      PipelineFixture.play(pipeline, good.subList(0, 5), 0);
      try (CheckpointPublisher publisher = pipeline.publisher()) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (BadInput input : bad) {
          sends.addAll(BadInputs.publish(publisher, input));
        }
        CheckpointPublisher.awaitAll(sends);
      }
      PipelineFixture.play(pipeline, good.subList(5, 10), 0);

      OutputTally.Snapshot done = output.await(s -> s.uniqueScores() >= 40 && s.deadLetters() >= bad.size(),
          Duration.ofSeconds(180));
      Thread.sleep(2_000);
      OutputTally.Snapshot settled = output.snapshot();

      Map<String, Long> expected = new TreeMap<>();
      bad.forEach(b -> expected.merge(b.expectedReason().name(), 1L, Long::sum));
      assertThat(settled.deadLettersByReason()).isEqualTo(expected);
      assertThat(settled.scores()).isEqualTo(40);
      assertThat(settled.uniqueScores()).isEqualTo(40);
      assertThat(done.duplicates()).isZero();

      for (DeadLetter letter : output.tally().firstDeadLetters()) {
        assertThat(letter.getComponent()).isEqualTo("graph-builder");
        assertThat(letter.getSourceTopic()).isIn("gmn.checkpoints", "gmn.runs");
        assertThat(letter.getDetail()).isNotBlank();
        assertThat(letter.getValue()).isNotNull();
      }
      BadInput.Raw corrupt = (BadInput.Raw) bad.get(0);
      DeadLetter corruptLetter = output.tally().firstDeadLetters().stream()
          .filter(l -> l.getReason() == DeadLetterReason.CORRUPT_RECORD).findFirst().orElseThrow();
      assertThat(corruptLetter.getValue()).isEqualTo(ByteBuffer.wrap(corrupt.value()));
    }
  }
}
