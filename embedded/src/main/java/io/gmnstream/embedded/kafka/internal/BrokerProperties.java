package io.gmnstream.embedded.kafka.internal;

import io.gmnstream.embedded.kafka.KafkaBrokerConfig;

import java.nio.file.Path;
import java.util.Properties;

/** Server properties of a single-node KRaft cluster (broker and controller in one process) on loopback. */
public final class BrokerProperties {
    public static final int NODE_ID = 1;
    public static final String HOST = "127.0.0.1";
    public static final String CLIENT_LISTENER = "PLAINTEXT";
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerProperties() {
    }

    public static Properties build(KafkaBrokerConfig config, Path logDir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        // Static voters: a one-node quorum that never changes, no dynamic-quorum bootstrap needed.
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put("log.dirs", logDir.toString());
        props.put("metadata.log.dir", logDir.toString());

        // One replica of everything, internal topics included, or they never become available.
        String partitions = Integer.toString(config.internalTopicPartitions());
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", partitions);
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", partitions);
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", Boolean.toString(config.autoCreateTopics()));
        // Nobody else will join the group: do not wait 3 s for them on every first rebalance.
        props.put("group.initial.rebalance.delay.ms", "0");

        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(config.cleanerDedupeBufferBytes()));
        props.put("log.cleaner.threads", "1");
        props.put("message.max.bytes", Integer.toString(config.maxMessageBytes()));
        props.put("replica.fetch.max.bytes", Integer.toString(config.maxMessageBytes()));
        // A request carries at least one whole batch plus headers.
        long requestBytes = Math.max(100L * KafkaBrokerConfig.MIB, config.maxMessageBytes() + (long) KafkaBrokerConfig.MIB);
        props.put("socket.request.max.bytes", Long.toString(requestBytes));

        props.putAll(config.brokerOverrides());
        return props;
    }
}
