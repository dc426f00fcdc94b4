package io.gmnstream.pipeline.replay;

import io.gmnstream.schemas.avro.Checkpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Plays recorded runs back as concurrent training jobs would publish them: every run's manifest
 * first, then checkpoints round-robin across runs (each job's k-th checkpoint before anyone's
 * k+1-th), at a fixed overall rate.
 */
public final class TrainingReplay {

  /** What a replay published. */
  public record Published(int manifests, int checkpoints) {}

  private final CheckpointPublisher publisher;
  private final AtomicLong checkpointsSent = new AtomicLong();

  public TrainingReplay(CheckpointPublisher publisher) {
    this.publisher = publisher;
  }

  /** Checkpoints handed to the producer so far, over every {@link #play} (readable from any thread). */
  public long checkpointsSent() {
    return checkpointsSent.get();
  }

  /** The checkpoints of {@code runs} in publishing order. */
  public static List<Checkpoint> interleave(List<RecordedRun> runs) {
    List<Checkpoint> order = new ArrayList<>();
    int longest = runs.stream().mapToInt(r -> r.checkpoints().size()).max().orElse(0);
    for (int k = 0; k < longest; k++) {
      for (RecordedRun run : runs) {
        if (k < run.checkpoints().size()) {
          order.add(run.checkpoints().get(k));
        }
      }
    }
    return order;
  }

  /**
   * Publishes the runs at {@code checkpointsPerSecond} (0: as fast as possible) until all are out
   * or {@code keepGoing} turns false, and waits until the broker has acknowledged every record.
   */
  public Published play(List<RecordedRun> runs, double checkpointsPerSecond, BooleanSupplier keepGoing)
      throws InterruptedException {
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    for (RecordedRun run : runs) {
      sends.add(publisher.publishManifest(run.manifest()));
    }
    Pacer pacer = new Pacer(checkpointsPerSecond);
    int checkpoints = 0;
    for (Checkpoint checkpoint : interleave(runs)) {
      if (!keepGoing.getAsBoolean()) {
        break;
      }
      pacer.awaitNext();
      sends.add(publisher.publishCheckpoint(checkpoint));
      checkpointsSent.incrementAndGet();
      checkpoints++;
    }
    publisher.flush();
    CheckpointPublisher.awaitAll(sends);
    return new Published(runs.size(), checkpoints);
  }
}
