package io.gmnstream.embedded.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** A raw HTTP client for the registry tests: what goes over the wire is what is asserted. */
final class RegistryHttp {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A reply: status, content type and the parsed JSON body. */
    record Reply(int status, String contentType, JsonNode body) {
        int errorCode() {
            return body.path("error_code").asInt();
        }
    }

    private final URI base;
    private final HttpClient client;
    private final Optional<String> authorization;

    private RegistryHttp(URI base, HttpClient client, Optional<String> authorization) {
        this.base = base;
        this.client = client;
        this.authorization = authorization;
    }

    static RegistryHttp to(URI base) {
        return new RegistryHttp(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                Optional.empty());
    }

    static RegistryHttp to(URI base, SSLContext trust) {
        return new RegistryHttp(base, HttpClient.newBuilder().sslContext(trust)
                .connectTimeout(Duration.ofSeconds(5)).build(), Optional.empty());
    }

    RegistryHttp withBasicAuth(String user, String password) {
        return new RegistryHttp(base, client, Optional.of("Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply post(String path, String body) {
        return send("POST", path, body);
    }

    Reply put(String path, String body) {
        return send("PUT", path, body);
    }

    /** POST /subjects/{subject}/versions with {"schema": schema}. */
    Reply register(String encodedSubject, String schema) {
        return post("/subjects/" + encodedSubject + "/versions", schemaBody(schema));
    }

    static String schemaBody(String schema) {
        return MAPPER.createObjectNode().put("schema", schema).toString();
    }

    Reply send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/vnd.schemaregistry.v1+json");
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    MAPPER.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
