package io.gmnstream.pipeline.dashboard;

import io.gmnstream.operator.djl.DjlRuntime;
import io.gmnstream.operator.djl.DjlSettings;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.zoo.RunPlan;
import io.gmnstream.operator.zoo.ZooConfig;
import io.gmnstream.operator.zoo.ZooGenerator;
import io.gmnstream.operator.zoo.ZooMetrics;
import io.gmnstream.paramgraph.tensor.SafetensorsFile;
import io.gmnstream.paramgraph.tensor.SafetensorsReader;
import io.gmnstream.paramgraph.tensor.SafetensorsWriter;
import io.gmnstream.paramgraph.tensor.Tensor;
import io.gmnstream.pipeline.replay.RecordedRun;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.InlineWeights;
import io.gmnstream.schemas.avro.WeightFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard test plays: small networks trained here on the 8x8 digits (a second or so of
 * CPU each), so the chart shows what the GMN predicts for real training next to the test accuracy
 * the run measured; the last run's weights turn to NaN near its end, which the monitor must raise a
 * CRITICAL {@code non_finite_weights} alert for. The NaN is put in rather than trained for (as the
 * demo's high-learning-rate run is): a run that must diverge at a given checkpoint, every time.
 */
final class DashboardRuns {

  /** Checkpoints after epochs 1 to 6: six points per run. */
  private static final List<Integer> CHECKPOINT_EPOCHS = List.of(1, 2, 3, 4, 5, 6);
  private static final int CHECKPOINTS_PER_RUN = CHECKPOINT_EPOCHS.size();
  /** The diverging run's last checkpoints that hold NaN weights: a real divergence stays NaN. */
  static final int NAN_CHECKPOINTS = 2;
  private static final long SEED = 2026;

  /** The runs the test publishes: {@code healthy} runs, then the diverging one, last. */
  record Played(List<RecordedRun> healthy, RecordedRun diverging) {
    List<RecordedRun> all() {
      List<RecordedRun> all = new ArrayList<>(healthy);
      all.add(diverging);
      return all;
    }
  }

  private DashboardRuns() {}

  /**
   * Trains {@code healthy + 1} runs of the digits zoo's sampled plans, each through every checkpoint epoch,
   * named {@code prefix-1}, {@code prefix-2}, ...; the last one diverges.
   */
  static Played train(Path zooDir, String prefix, int healthy) throws IOException {
    ZooConfig config = ZooConfig.digits(healthy + 1, SEED, zooDir).withCheckpointEpochs(CHECKPOINT_EPOCHS);
    // DJL reads its settings once per JVM: start it as the scoring service will (ScoringServiceConfig.defaults).
    EngineInfo engine = DjlRuntime.start(DjlSettings.fromEnvironment(Path.of("")));
    ZooGenerator zoo = new ZooGenerator(engine, config).withoutProgressBar();
    List<RecordedRun> runs = new ArrayList<>();
    for (int i = 0; i <= healthy; i++) {
      RunPlan plan = allEpochs(zoo.sampler().plan(i).withRunId(prefix + "-" + (i + 1)));
      runs.add(RecordedRun.read(zoo.trainRun(plan)));
    }
    return new Played(runs.subList(0, healthy), diverging(runs.get(healthy)));
  }

  /** The plan trained through the last checkpoint epoch: the sampler stops some earlier; the chart wants all points. */
  private static RunPlan allEpochs(RunPlan p) {
    return new RunPlan(p.runIndex(), p.runId(), p.seed(), p.architecture(), p.optimizer(), p.learningRate(),
        p.momentum(), p.weightDecay(), p.dropoutRate(), p.batchSize(), CHECKPOINT_EPOCHS.get(CHECKPOINTS_PER_RUN - 1),
        p.initScale(), p.trainFraction(), p.labelNoise());
  }

  /** The test accuracy the run measured at its last checkpoint. */
  static double finalTestAccuracy(RecordedRun run) {
    return run.checkpoints().get(run.checkpoints().size() - 1).getMetrics().get(ZooMetrics.TEST_ACCURACY);
  }

  /** The run with NaN weights in its last {@link #NAN_CHECKPOINTS} checkpoints and a diverged job's metrics. */
  private static RecordedRun diverging(RecordedRun run) {
    List<Checkpoint> checkpoints = new ArrayList<>(run.checkpoints());
    for (int i = Math.max(1, checkpoints.size() - NAN_CHECKPOINTS); i < checkpoints.size(); i++) {
      Checkpoint checkpoint = checkpoints.get(i);
      Map<String, Double> metrics = new LinkedHashMap<>(checkpoint.getMetrics());
      metrics.put(ZooMetrics.TRAIN_LOSS, Double.NaN);
      // A network of NaN answers one class for every input: chance accuracy on ten digits.
      metrics.put(ZooMetrics.TEST_ACCURACY, 0.1);
      metrics.put(ZooMetrics.DIVERGED, 1.0);
      checkpoints.set(i, Checkpoint.newBuilder(withFirstTensorNan(checkpoint)).setMetrics(metrics).build());
    }
    return new RecordedRun(run.manifest(), checkpoints);
  }

  /** The same tensors, every value of the first one NaN. */
  private static Checkpoint withFirstTensorNan(Checkpoint checkpoint) {
    ByteBuffer data = ((InlineWeights) checkpoint.getWeights()).getData().duplicate();
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    SafetensorsFile file = new SafetensorsReader().read(bytes);
    List<Tensor> tensors = new ArrayList<>();
    for (String name : file.names()) {
      Tensor tensor = file.get(name);
      if (tensors.isEmpty()) {
        float[] nan = new float[tensor.size()];
        Arrays.fill(nan, Float.NaN);
        tensor = Tensor.f32(name, tensor.shape(), nan);
      }
      tensors.add(tensor);
    }
    byte[] poisoned = SafetensorsWriter.write(tensors);
    return Checkpoint.newBuilder(checkpoint)
        .setWeights(InlineWeights.newBuilder()
            .setFormat(WeightFormat.SAFETENSORS)
            .setData(ByteBuffer.wrap(poisoned))
            .build())
        .build();
  }
}
