package io.gmnstream.streamjobs.builder.internal;

import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.registry.SchemaRegistryException;
import io.gmnstream.streamjobs.blob.BlobFetcher;
import io.gmnstream.streamjobs.graph.CheckpointGraphFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per run (keyed by run id): keeps the latest manifest, joins checkpoints with it, builds their
 * graphs, and turns every record it cannot use into a dead letter, so one bad record never fails the
 * job. Checkpoints that come before their manifest wait in state, bounded in number and time.
 * Checkpoints are built in arrival order, and a step at or below the highest built is a DUPLICATE.
 *
 * <p>Schema registry outages are not the record's fault: they propagate, the job restarts from its
 * last checkpoint and the records are tried again.
 */
public final class GraphBuilderFunction extends KeyedProcessFunction<String, RawRecord, OutputRecord> {
  private static final long serialVersionUID = 1L;

  /** Written into every graph record. */
  public static final String BUILDER_VERSION = "graph-builder/1";

  private final FunctionSettings settings;

  private transient ValueState<byte[]> manifest;
  private transient ValueState<Long> highestBuiltStep;
  private transient ListState<PendingCheckpoint> pending;
  private transient SchemaRegistryClient registry;
  private transient RecordDecoder decoder;
  private transient GraphRecordFactory graphs;
  private transient OutputEncoder encoder;

  public GraphBuilderFunction(FunctionSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext context) {
    manifest = getRuntimeContext().getState(
        new ValueStateDescriptor<>("manifest", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    highestBuiltStep = getRuntimeContext().getState(new ValueStateDescriptor<>("highest-built-step", Types.LONG));
    pending = getRuntimeContext().getListState(
        new ListStateDescriptor<>("pending-checkpoints", TypeInformation.of(PendingCheckpoint.class)));
    Clock clock = Clock.systemUTC();
    registry = SchemaRegistryClient.connect(settings.registry());
    decoder = new RecordDecoder(registry);
    graphs = new GraphRecordFactory(new CheckpointGraphFactory(settings.limits()),
        new BlobFetcher(settings.blobs()), clock, BUILDER_VERSION);
    encoder = new OutputEncoder(registry, clock);
  }

  @Override
  public void close() {
    if (registry != null) {
      registry.close();
    }
  }

  @Override
  public void processElement(RawRecord record, Context context, Collector<OutputRecord> out) throws Exception {
    guarded(record, out, () -> {
      if (record.key == null) {
        throw new RejectedRecordException(DeadLetterReason.CORRUPT_RECORD, "record has no key: publish "
            + "manifests and checkpoints with the run id as the key");
      }
      if (Topics.RUNS.name().equals(record.topic)) {
        onManifest(record, out);
      } else if (Topics.CHECKPOINTS.name().equals(record.topic)) {
        onCheckpoint(record, context, out);
      } else {
        throw new RejectedRecordException(DeadLetterReason.OTHER, "graph-builder does not read topic " + record.topic);
      }
    });
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<OutputRecord> out) throws Exception {
    List<PendingCheckpoint> stillWaiting = new ArrayList<>();
    for (PendingCheckpoint waiting : pending.get()) {
      if (waiting.deadlineMillis > timestamp) {
        stillWaiting.add(waiting);
        continue;
      }
      guarded(waiting.record, out, () -> {
        throw new RejectedRecordException(DeadLetterReason.MISSING_MANIFEST, "no RunManifest of run '"
            + context.getCurrentKey() + "' arrived within the pending timeout of "
            + Duration.ofMillis(settings.pendingTimeoutMillis()) + ": publish the run's manifest to "
            + Topics.RUNS.name() + " before (or soon after) its checkpoints");
      });
    }
    pending.update(stillWaiting);
  }

  private void onManifest(RawRecord record, Collector<OutputRecord> out) throws Exception {
    if (record.value == null) {
      manifest.clear(); // a tombstone on the compacted topic: the run is gone
      return;
    }
    RunManifest decoded = decoder.manifest(record.keyString(), record.value);
    manifest.update(record.value);
    // Checkpoints that came first are built now, in the order they arrived.
    for (PendingCheckpoint waiting : pending.get()) {
      guarded(waiting.record, out, () -> build(waiting.record, decoded, out));
    }
    pending.clear();
  }

  private void onCheckpoint(RawRecord record, Context context, Collector<OutputRecord> out) throws Exception {
    if (record.value == null) {
      throw new RejectedRecordException(DeadLetterReason.CORRUPT_RECORD,
          "checkpoint record has no value (a tombstone): gmn.checkpoints is not compacted, publish Checkpoint records");
    }
    // Decoded now so that a corrupt checkpoint is refused at once rather than after waiting.
    decoder.checkpoint(record.keyString(), record.value);
    byte[] manifestBytes = manifest.value();
    if (manifestBytes != null) {
      build(record, decoder.manifest(record.keyString(), manifestBytes), out);
      return;
    }
    int waiting = 0;
    for (PendingCheckpoint ignored : pending.get()) {
      waiting++;
    }
    if (waiting >= settings.maxPendingPerRun()) {
      throw new RejectedRecordException(DeadLetterReason.MISSING_MANIFEST, waiting + " checkpoints of run '"
          + record.keyString() + "' already wait for its RunManifest (maxPendingPerRun = "
          + settings.maxPendingPerRun() + "): publish the manifest to " + Topics.RUNS.name() + " first");
    }
    long deadline = context.timerService().currentProcessingTime() + settings.pendingTimeoutMillis();
    pending.add(new PendingCheckpoint(record, deadline));
    context.timerService().registerProcessingTimeTimer(deadline);
  }

  private void build(RawRecord record, RunManifest runManifest, Collector<OutputRecord> out) throws Exception {
    Checkpoint checkpoint = decoder.checkpoint(record.keyString(), record.value);
    Long highest = highestBuiltStep.value();
    if (highest != null && checkpoint.getStep() <= highest) {
      throw new RejectedRecordException(DeadLetterReason.DUPLICATE, "run '" + checkpoint.getRunId() + "' step "
          + checkpoint.getStep() + " is at or below step " + highest + ", already built: publish each step once, "
          + "in increasing order");
    }
    out.collect(encoder.graph(graphs.build(runManifest, checkpoint)));
    highestBuiltStep.update(checkpoint.getStep());
  }

  /** Runs one record's work; whatever it cannot use becomes that record's dead letter. */
  private void guarded(RawRecord record, Collector<OutputRecord> out, RecordWork work) throws Exception {
    try {
      work.run();
    } catch (SchemaRegistryException e) {
      throw e; // the registry is down or refuses us: not this record's fault, retry after a restart
    } catch (Exception e) {
      out.collect(encoder.deadLetter(record, FailureClassifier.classify(e)));
    }
  }

  @FunctionalInterface
  private interface RecordWork {
    void run() throws Exception;
  }
}
