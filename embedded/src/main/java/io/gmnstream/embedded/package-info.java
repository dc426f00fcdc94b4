/**
 * In-process infrastructure for the demo and the tests: {@link io.gmnstream.embedded.kafka.EmbeddedKafkaBroker}
 * (a KRaft Kafka broker) and {@link io.gmnstream.embedded.registry.EmbeddedSchemaRegistry} (a Confluent
 * compatible schema registry durable in a Kafka topic). Packages named {@code internal} are not API.
 */
package io.gmnstream.embedded;
