package io.gmnstream.pipeline;

import io.gmnstream.embedded.kafka.TopicSpec;
import io.gmnstream.schemas.Topic;
import io.gmnstream.schemas.Topics;
import java.util.List;

/**
 * How each gmn topic is created: partitions, cleanup policy and the largest record it takes. The
 * record limits follow the service's size limit: a graph record costs about 21 bytes per edge
 * (packed source, target, value, layer, type, position), so {@link #MAX_GRAPH_RECORD_BYTES} holds
 * the graph of the largest checkpoint the graph builder accepts.
 */
public final class PipelineTopics {

  /** Most parameters in one checkpoint the pipeline builds and scores; larger ones are dead-lettered. */
  public static final long MAX_PARAMETERS = 4_000_000L;

  /** Checkpoint records: inline weights are meant to stay small (1 MiB), references carry the rest. */
  public static final int MAX_CHECKPOINT_RECORD_BYTES = 16 << 20;

  /** A graph of {@link #MAX_PARAMETERS} edges, with room for its nodes and layer list. */
  public static final int MAX_GRAPH_RECORD_BYTES = 96 << 20;

  /** A dead letter keeps the original record, so it may be as large as the largest input. */
  public static final int MAX_DEAD_LETTER_RECORD_BYTES = MAX_GRAPH_RECORD_BYTES + (1 << 20);

  private PipelineTopics() {}

  /** Every gmn topic with {@code partitions} partitions; gmn.runs is compacted. */
  public static List<TopicSpec> specs(int partitions) {
    return Topics.ALL.stream().map(topic -> spec(topic, partitions)).toList();
  }

  private static TopicSpec spec(Topic<?> topic, int partitions) {
    TopicSpec spec = TopicSpec.of(topic.name(), partitions).withMaxMessageBytes(maxRecordBytes(topic));
    return topic.compacted() ? spec.asCompacted() : spec;
  }

  /** The largest record the topic accepts. */
  public static int maxRecordBytes(Topic<?> topic) {
    if (topic.equals(Topics.GRAPHS)) {
      return MAX_GRAPH_RECORD_BYTES;
    }
    if (topic.equals(Topics.DEAD_LETTERS)) {
      return MAX_DEAD_LETTER_RECORD_BYTES;
    }
    return MAX_CHECKPOINT_RECORD_BYTES;
  }
}
