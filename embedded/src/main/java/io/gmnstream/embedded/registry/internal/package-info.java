/**
 * The registry's parts, one job each; not API. {@code HttpRouter} + {@code RegistryRoutes} +
 * {@code RegistryHttpHandler}: the REST API. {@code SchemaStore} (+ {@code CompatibilityChecker}): state
 * and rules. {@code KafkaSchemaLog} (+ {@code SchemaLogCodec}): durability in a compacted topic.
 */
package io.gmnstream.embedded.registry.internal;
