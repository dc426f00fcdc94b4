package io.gmnstream.streamjobs.builder.internal;

import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.InlineWeights;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.avro.WeightsReference;
import io.gmnstream.schemas.graph.ParamGraphRecords;
import io.gmnstream.streamjobs.blob.BlobFetcher;
import io.gmnstream.streamjobs.graph.CheckpointGraphFactory;
import io.gmnstream.streamjobs.stats.WeightStatisticsCalculator;
import java.nio.ByteBuffer;
import java.time.Clock;

/** A checkpoint and its run's manifest -> the gmn.graphs record: fetches referenced weights, builds, summarises. */
final class GraphRecordFactory {

  private final CheckpointGraphFactory graphs;
  private final BlobFetcher blobs;
  private final Clock clock;
  private final String builderVersion;

  GraphRecordFactory(CheckpointGraphFactory graphs, BlobFetcher blobs, Clock clock, String builderVersion) {
    this.graphs = graphs;
    this.blobs = blobs;
    this.clock = clock;
    this.builderVersion = builderVersion;
  }

  io.gmnstream.schemas.avro.ParamGraph build(RunManifest manifest, Checkpoint checkpoint) {
    Checkpoint inline = withInlineWeights(checkpoint);
    long start = System.nanoTime();
    ParamGraph graph = graphs.build(manifest, inline);
    var statistics = WeightStatisticsCalculator.of(graph);
    double buildMillis = (System.nanoTime() - start) / 1e6;
    return ParamGraphRecords.toRecord(graph)
        .setRunId(checkpoint.getRunId())
        .setStep(checkpoint.getStep())
        .setTask(manifest.getTask())
        .setBuilderVersion(builderVersion)
        .setCheckpointCreatedAtMillis(checkpoint.getCreatedAtMillis())
        .setBuiltAtMillis(clock.instant())
        .setBuildMillis(buildMillis)
        .setMetrics(checkpoint.getMetrics())
        .setWeightStatistics(statistics)
        .build();
  }

  private Checkpoint withInlineWeights(Checkpoint checkpoint) {
    if (!(checkpoint.getWeights() instanceof WeightsReference reference)) {
      return checkpoint;
    }
    byte[] data = blobs.fetch(reference);
    return Checkpoint.newBuilder(checkpoint)
        .setWeights(InlineWeights.newBuilder().setFormat(reference.getFormat()).setData(ByteBuffer.wrap(data)).build())
        .build();
  }
}
