package io.gmnstream.operator.service.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP endpoints: {@code GET /healthz} (200 with status UP, device and model version;
 * 503 when the scoring loop is dead) and {@code GET /metrics} (Prometheus text format).
 */
public final class OperatorHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorHttpServer.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private OperatorHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts serving.
     *
     * @param port 0 for any free port
     * @throws UncheckedIOException when the address cannot be bound (port in use, unknown address)
     */
    public static OperatorHttpServer start(String bindAddress, int port, Supplier<Health> health,
                                           Supplier<String> metrics) {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(metrics, "metrics");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve /healthz and /metrics on " + bindAddress + ":" + port
                    + " (" + e.getMessage() + "): pick a free httpPort, 0 for any, or -1 for no HTTP server", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "gmn-operator-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/healthz", exchange -> respond(exchange, () -> healthResponse(health.get())));
        server.createContext("/metrics", exchange -> respond(exchange,
                () -> new Response(200, PROMETHEUS_TEXT, metrics.get())));
        server.start();
        return new OperatorHttpServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private record Response(int status, String contentType, String body) {
    }

    static Response healthResponse(Health health) {
        ObjectNode body = JSON.createObjectNode()
                .put("status", health.up() ? "UP" : "DOWN")
                .put("device", health.device())
                .put("modelVersion", health.modelVersion());
        return new Response(health.up() ? 200 : 503, "application/json", body.toString());
    }

    private static void respond(HttpExchange exchange, Supplier<Response> handler) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Response response;
            try {
                response = handler.get();
            } catch (RuntimeException e) {
                LOG.error("{} failed", exchange.getRequestURI(), e);
                response = new Response(500, "text/plain; charset=utf-8", "internal error: " + e + "\n");
            }
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
