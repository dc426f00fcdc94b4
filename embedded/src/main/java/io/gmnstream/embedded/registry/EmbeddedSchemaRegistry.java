package io.gmnstream.embedded.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.gmnstream.embedded.registry.internal.BasicAuthenticator;
import io.gmnstream.embedded.registry.internal.KafkaSchemaLog;
import io.gmnstream.embedded.registry.internal.RegistryHttpHandler;
import io.gmnstream.embedded.registry.internal.RegistryRoutes;
import io.gmnstream.embedded.registry.internal.SchemaStore;
import io.gmnstream.embedded.registry.internal.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A schema registry speaking the Confluent REST API (the subset this project's client uses) on
 * 127.0.0.1, durable in a compacted Kafka topic: a registry restarted on the same cluster serves the
 * same ids and versions.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(KafkaBrokerConfig.defaults());
 *      EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
 *              SchemaRegistryConfig.defaults(broker.bootstrapServers()))) {
 *     URI url = registry.url();   // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final SchemaRegistryConfig config;
    private final KafkaSchemaLog log;
    private final HttpServer server;
    private final ExecutorService executor;
    private boolean closed;

    private EmbeddedSchemaRegistry(SchemaRegistryConfig config, KafkaSchemaLog log, HttpServer server,
                                   ExecutorService executor) {
        this.config = config;
        this.log = log;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Creates the schemas topic if needed, rebuilds the state from it, then starts serving; the caller
     * closes the registry.
     */
    public static EmbeddedSchemaRegistry start(SchemaRegistryConfig config) {
        Objects.requireNonNull(config, "config");
        KafkaSchemaLog log = new KafkaSchemaLog(config.bootstrapServers(), config.topic(), config.kafkaTimeout());
        ExecutorService executor = null;
        try {
            log.ensureTopic();
            SchemaStore store = new SchemaStore(log, config.defaultCompatibility());
            int replayed = log.replay(store::apply);

            ObjectMapper mapper = new ObjectMapper();
            RegistryHttpHandler handler = new RegistryHttpHandler(new RegistryRoutes(store, mapper).router(),
                    new BasicAuthenticator(config.basicAuth()), mapper);
            HttpServer server = createServer(config);
            executor = Executors.newFixedThreadPool(config.httpThreads(), daemonThreads());
            server.setExecutor(executor);
            server.createContext("/", handler);
            server.start();
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(config, log, server, executor);
            LOG.info("Schema registry serving on {} ({} records restored from topic {})", registry.url(), replayed,
                    config.topic());
            return registry;
        } catch (RuntimeException e) {
            if (executor != null) {
                executor.shutdownNow();
            }
            closeAfterFailedStart(log, e);
            throw e;
        }
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:43121}. */
    public URI url() {
        String scheme = config.tls().isPresent() ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SchemaRegistryConfig config() {
        return config;
    }

    /** Stops serving (in-flight requests get a moment to finish) and closes the Kafka producer; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stop(0);
            executor.shutdown();
            if (!executor.awaitTermination(config.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            log.close();
        }
        LOG.info("Schema registry on port {} stopped", server.getAddress().getPort());
    }

    private static HttpServer createServer(SchemaRegistryConfig config) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port());
        try {
            if (config.tls().isPresent()) {
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(TlsContexts.serverContext(config.tls().get())));
                return https;
            }
            return HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not bind the schema registry to " + address
                    + "; is the port taken? Use port 0 for a free one", e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void closeAfterFailedStart(KafkaSchemaLog log, RuntimeException startFailure) {
        try {
            log.close();
        } catch (RuntimeException closeFailure) {
            startFailure.addSuppressed(closeFailure);
        }
    }
}
