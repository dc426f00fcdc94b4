package io.gmnstream.streamjobs.monitor.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another monitor instance for the runs in its local stores, over its dashboard's internal
 * endpoints ({@code GET /internal/runs} and {@code GET /internal/runs/{runId}}).
 */
public final class PeerRunQueries {
    public static final String RUNS_PATH = "/internal/runs";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<RunSummary>> SUMMARIES = new TypeReference<>() {
    };

    private final HttpClient http;
    private final Duration timeout;
    private final Optional<String> bearerToken;

    /** @param bearerToken the token every instance of the application shares, if the dashboard needs one */
    public PeerRunQueries(Duration timeout, Optional<String> bearerToken) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.bearerToken = Objects.requireNonNull(bearerToken, "bearerToken");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The runs held by the instance at {@code peer}. */
    public List<RunSummary> runs(HostInfo peer) {
        return JSON.convertValue(get(peer, RUNS_PATH).orElse(null), SUMMARIES);
    }

    /** One run from the instance at {@code peer}, empty when that instance does not know it. */
    public Optional<RunHistory> run(HostInfo peer, String runId) {
        String path = RUNS_PATH + "/" + URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20");
        return get(peer, path).map(body -> JSON.convertValue(body, RunHistory.class));
    }

    private Optional<JsonNode> get(HostInfo peer, String path) {
        URI uri = URI.create("http://" + peer.host() + ":" + peer.port() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json");
        bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("monitor instance " + peer + " did not answer " + path
                    + ": check that its dashboard port is reachable from this instance", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + uri, e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("monitor instance " + peer + " answered " + path + " with HTTP "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("monitor instance " + peer + " sent unreadable JSON for " + path, e);
        }
    }
}
