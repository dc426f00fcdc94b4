package io.gmnstream.embedded.registry.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.gmnstream.embedded.registry.internal.HttpRouter.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP plumbing: authenticates, hands the request to the router, writes the JSON reply with the
 * registry content type, and turns every failure into the Confluent error body.
 */
public final class RegistryHttpHandler implements HttpHandler {
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);

    private final HttpRouter router;
    private final BasicAuthenticator authenticator;
    private final ObjectMapper mapper;

    public RegistryHttpHandler(HttpRouter router, BasicAuthenticator authenticator, ObjectMapper mapper) {
        this.router = router;
        this.authenticator = authenticator;
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                authenticator.check(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                response = router.route(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), body);
            } catch (RegistryException e) {
                if (e.httpStatus() >= 500) {
                    LOG.error("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage(), e);
                }
                if (e.errorCode() == 40101) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", BasicAuthenticator.CHALLENGE);
                }
                response = new Response(e.httpStatus(), errorBody(e.errorCode(), e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = new Response(500, errorBody(500, "Internal error: " + e));
            }
            write(exchange, response);
        }
    }

    private static Map<String, Object> errorBody(int errorCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", errorCode);
        body.put("message", message);
        return body;
    }

    private void write(HttpExchange exchange, Response response) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
