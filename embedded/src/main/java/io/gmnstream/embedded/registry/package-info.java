/**
 * A Confluent-compatible schema registry for the demo and the tests:
 * {@link io.gmnstream.embedded.registry.EmbeddedSchemaRegistry} configured by
 * {@link io.gmnstream.embedded.registry.SchemaRegistryConfig}.
 */
package io.gmnstream.embedded.registry;
