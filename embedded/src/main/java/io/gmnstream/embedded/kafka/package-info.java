/**
 * An in-process KRaft Kafka broker: {@link io.gmnstream.embedded.kafka.EmbeddedKafkaBroker} configured by
 * {@link io.gmnstream.embedded.kafka.KafkaBrokerConfig}, topics described by {@link io.gmnstream.embedded.kafka.TopicSpec}.
 */
package io.gmnstream.embedded.kafka;
