package io.gmnstream.streamjobs.builder;

import io.gmnstream.schemas.Topics;
import io.gmnstream.streamjobs.builder.internal.FunctionSettings;
import io.gmnstream.streamjobs.builder.internal.GraphBuilderFunction;
import io.gmnstream.streamjobs.builder.internal.OutputRecord;
import io.gmnstream.streamjobs.builder.internal.OutputRecordSerializer;
import io.gmnstream.streamjobs.builder.internal.RawRecord;
import io.gmnstream.streamjobs.builder.internal.RawRecordDeserializer;
import io.gmnstream.streamjobs.builder.internal.RunIdKeySelector;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Flink job "graph-builder": gmn.runs + gmn.checkpoints -> gmn.graphs, and anything it cannot use
 * -> gmn.dead-letters, exactly once.
 *
 * <pre>
 * KafkaSource(gmn.runs, gmn.checkpoints; raw bytes) -> keyBy(run id) -> GraphBuilderFunction
 *   -> KafkaSink(gmn.graphs | gmn.dead-letters; transactional)
 * </pre>
 */
public final class GraphBuilderJob {

  public static final String NAME = "graph-builder";

  /** Large graphs: a producer request and a consumer fetch must hold one whole record. */
  static final int MAX_RECORD_BYTES = 64 << 20;

  private GraphBuilderJob() {}

  /** Adds the job's topology to the environment, with exactly-once checkpointing and the config's parallelism. */
  public static void define(StreamExecutionEnvironment env, GraphBuilderConfig config) {
    env.setParallelism(config.parallelism());
    env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);

    DataStream<RawRecord> records = env
        .fromSource(source(config), WatermarkStrategy.noWatermarks(), "gmn.runs + gmn.checkpoints")
        .uid("graph-builder-source");
    DataStream<OutputRecord> outputs = records
        .keyBy(new RunIdKeySelector())
        .process(new GraphBuilderFunction(FunctionSettings.of(config)), TypeInformation.of(OutputRecord.class))
        .uid("graph-builder-build")
        .name("build parameter graphs");
    outputs.sinkTo(sink(config))
        .uid("graph-builder-sink")
        .name("gmn.graphs + gmn.dead-letters");
  }

  /** Defines the job and submits it without waiting for it to end. */
  public static JobClient start(StreamExecutionEnvironment env, GraphBuilderConfig config) throws Exception {
    define(env, config);
    return env.executeAsync(NAME);
  }

  @SuppressWarnings("deprecation") // the connector's API still takes Kafka's OffsetResetStrategy
  static KafkaSource<RawRecord> source(GraphBuilderConfig config) {
    Properties properties = new Properties();
    properties.putAll(config.kafkaProperties());
    // Training jobs may publish transactionally: never read what they abort.
    properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.setProperty(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES));
    properties.setProperty(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES));
    return KafkaSource.<RawRecord>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setTopics(List.of(Topics.RUNS.name(), Topics.CHECKPOINTS.name()))
        .setGroupId(config.groupId())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new RawRecordDeserializer())
        .setProperties(properties)
        .build();
  }

  static KafkaSink<OutputRecord> sink(GraphBuilderConfig config) {
    Properties properties = new Properties();
    properties.putAll(config.kafkaProperties());
    // The 1 h default exceeds the broker's 15 min maximum and the job would restart forever.
    properties.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
        Long.toString(config.transactionTimeout().toMillis()));
    properties.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_RECORD_BYTES));
    return KafkaSink.<OutputRecord>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setKafkaProducerConfig(properties)
        .setRecordSerializer(new OutputRecordSerializer())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(config.transactionalIdPrefix())
        .build();
  }
}
