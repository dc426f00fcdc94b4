package io.gmnstream.operator.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OperatorHttpServerTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(int port, String method, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthShouldTurn503WhenTheLoopDies() throws Exception {
        AtomicBoolean up = new AtomicBoolean(true);
        try (OperatorHttpServer server = OperatorHttpServer.start("127.0.0.1", 0,
                () -> new Health(up.get(), "cpu", "m@1"), () -> "x 1\n")) {
            HttpResponse<String> healthy = send(server.port(), "GET", "/healthz");
            assertThat(healthy.statusCode()).isEqualTo(200);
            assertThat(healthy.body()).isEqualTo("{\"status\":\"UP\",\"device\":\"cpu\",\"modelVersion\":\"m@1\"}");

            up.set(false);
            HttpResponse<String> dead = send(server.port(), "GET", "/healthz");
            assertThat(dead.statusCode()).isEqualTo(503);
            assertThat(dead.body()).contains("\"status\":\"DOWN\"");
        }
    }

    @Test
    void metricsShouldServeThePrometheusTextAndRefuseWrites() throws Exception {
        try (OperatorHttpServer server = OperatorHttpServer.start("127.0.0.1", 0,
                () -> new Health(true, "cpu", "m@1"), () -> "gmn_operator_scores_total 3.0\n")) {
            HttpResponse<String> metrics = send(server.port(), "GET", "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue(OperatorHttpServer.PROMETHEUS_TEXT);
            assertThat(metrics.body()).isEqualTo("gmn_operator_scores_total 3.0\n");

            assertThat(send(server.port(), "POST", "/metrics").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void shouldSayHowToFixAPortInUse() {
        try (OperatorHttpServer first = OperatorHttpServer.start("127.0.0.1", 0, () -> null, () -> "")) {
            assertThatThrownBy(() -> OperatorHttpServer.start("127.0.0.1", first.port(), () -> null, () -> ""))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port())
                    .hasMessageContaining("pick a free httpPort, 0 for any, or -1 for no HTTP server");
        }
    }
}
