package io.gmnstream.streamjobs.monitor.web;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Validated settings of the dashboard's HTTP server. The constructor refuses bad values with an
 * IllegalArgumentException naming the configuration key, so a misconfigured monitor fails at startup.
 *
 * @param bindAddress address to listen on; the default, {@value #DEFAULT_BIND_ADDRESS}, keeps the
 *     dashboard private to this machine ({@code 0.0.0.0} serves every interface: set a token then)
 * @param port TCP port, 0 for any free port ({@link DashboardServer#port()} tells which)
 * @param bearerToken when present, every {@code /api/*}, {@code /internal/*} and {@code /metrics}
 *     request must carry {@code Authorization: Bearer <token>}; never printed
 * @param sseHeartbeat how often an idle event stream gets a comment line, so proxies keep it open
 *     and a vanished client is noticed
 * @param maxSseClients most event-stream clients at once; one more is answered 503
 * @param sseClientQueue events queued for one event-stream client; a client further behind than
 *     that is disconnected rather than slowing the feed down
 * @param recentAlerts alerts the dashboard remembers (and reads back per partition at start)
 */
public record DashboardConfig(
    String bindAddress,
    int port,
    Optional<String> bearerToken,
    Duration sseHeartbeat,
    int maxSseClients,
    int sseClientQueue,
    int recentAlerts) {

  public static final String BIND_ADDRESS = "dashboard.bind.address";
  public static final String PORT = "dashboard.port";
  public static final String BEARER_TOKEN = "dashboard.bearer.token";
  public static final String SSE_HEARTBEAT_MS = "dashboard.sse.heartbeat.ms";
  public static final String MAX_SSE_CLIENTS = "dashboard.sse.max.clients";
  public static final String SSE_CLIENT_QUEUE = "dashboard.sse.client.queue";
  public static final String RECENT_ALERTS = "dashboard.recent.alerts";

  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final Duration DEFAULT_SSE_HEARTBEAT = Duration.ofSeconds(15);
  public static final int DEFAULT_MAX_SSE_CLIENTS = 32;
  /** Frames are shared by all clients, so a long queue costs references, not copies. */
  public static final int DEFAULT_SSE_CLIENT_QUEUE = 1024;
  public static final int DEFAULT_RECENT_ALERTS = 200;

  /** Below this an idle stream would be mostly heartbeats. */
  public static final Duration MIN_SSE_HEARTBEAT = Duration.ofMillis(100);

  public DashboardConfig {
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new IllegalArgumentException(BIND_ADDRESS + " must not be blank: an address to listen on, e.g. "
          + DEFAULT_BIND_ADDRESS + " (this machine only) or 0.0.0.0 (every interface)");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(PORT + " must be in [0, 65535] (0 = any free port), got " + port);
    }
    Objects.requireNonNull(bearerToken, BEARER_TOKEN);
    bearerToken.ifPresent(DashboardConfig::validateToken);
    Objects.requireNonNull(sseHeartbeat, SSE_HEARTBEAT_MS);
    if (sseHeartbeat.compareTo(MIN_SSE_HEARTBEAT) < 0) {
      throw new IllegalArgumentException(SSE_HEARTBEAT_MS + " must be at least " + MIN_SSE_HEARTBEAT.toMillis()
          + ", got " + sseHeartbeat.toMillis());
    }
    requirePositive(MAX_SSE_CLIENTS, maxSseClients);
    requirePositive(SSE_CLIENT_QUEUE, sseClientQueue);
    requirePositive(RECENT_ALERTS, recentAlerts);
  }

  /** Listens on {@value #DEFAULT_BIND_ADDRESS}:{@value #DEFAULT_PORT} without a token. */
  public static DashboardConfig defaults() {
    return new DashboardConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, Optional.empty(), DEFAULT_SSE_HEARTBEAT,
        DEFAULT_MAX_SSE_CLIENTS, DEFAULT_SSE_CLIENT_QUEUE, DEFAULT_RECENT_ALERTS);
  }

  /** Reads the {@code dashboard.*} keys; a missing key takes its default, a blank token means none. */
  public static DashboardConfig fromMap(Map<String, String> values) {
    Objects.requireNonNull(values, "values");
    return new DashboardConfig(
        values.getOrDefault(BIND_ADDRESS, DEFAULT_BIND_ADDRESS),
        parse(values, PORT, Integer::parseInt, DEFAULT_PORT),
        Optional.ofNullable(values.get(BEARER_TOKEN)).filter(token -> !token.isBlank()),
        parse(values, SSE_HEARTBEAT_MS, text -> Duration.ofMillis(Long.parseLong(text)), DEFAULT_SSE_HEARTBEAT),
        parse(values, MAX_SSE_CLIENTS, Integer::parseInt, DEFAULT_MAX_SSE_CLIENTS),
        parse(values, SSE_CLIENT_QUEUE, Integer::parseInt, DEFAULT_SSE_CLIENT_QUEUE),
        parse(values, RECENT_ALERTS, Integer::parseInt, DEFAULT_RECENT_ALERTS));
  }

  public DashboardConfig withBindAddress(String value) {
    return new DashboardConfig(value, port, bearerToken, sseHeartbeat, maxSseClients, sseClientQueue, recentAlerts);
  }

  public DashboardConfig withPort(int value) {
    return new DashboardConfig(bindAddress, value, bearerToken, sseHeartbeat, maxSseClients, sseClientQueue,
        recentAlerts);
  }

  public DashboardConfig withBearerToken(String value) {
    return new DashboardConfig(bindAddress, port, Optional.of(value), sseHeartbeat, maxSseClients, sseClientQueue,
        recentAlerts);
  }

  public DashboardConfig withSseHeartbeat(Duration value) {
    return new DashboardConfig(bindAddress, port, bearerToken, value, maxSseClients, sseClientQueue, recentAlerts);
  }

  public DashboardConfig withMaxSseClients(int value) {
    return new DashboardConfig(bindAddress, port, bearerToken, sseHeartbeat, value, sseClientQueue, recentAlerts);
  }

  public DashboardConfig withSseClientQueue(int value) {
    return new DashboardConfig(bindAddress, port, bearerToken, sseHeartbeat, maxSseClients, value, recentAlerts);
  }

  public DashboardConfig withRecentAlerts(int value) {
    return new DashboardConfig(bindAddress, port, bearerToken, sseHeartbeat, maxSseClients, sseClientQueue, value);
  }

  /** Never prints the token, only whether there is one. */
  @Override
  public String toString() {
    return "DashboardConfig[bindAddress=" + bindAddress + ", port=" + port + ", bearerToken="
        + (bearerToken.isPresent() ? "<hidden>" : "<none>") + ", sseHeartbeat=" + sseHeartbeat
        + ", maxSseClients=" + maxSseClients + ", sseClientQueue=" + sseClientQueue + ", recentAlerts="
        + recentAlerts + "]";
  }

  /** Tokens travel in a header and a query parameter: RFC 6750's token68 characters only. */
  private static void validateToken(String token) {
    if (token.isEmpty()) {
      throw new IllegalArgumentException(BEARER_TOKEN + " must not be empty: leave it unset for no token");
    }
    if (!token.matches("[A-Za-z0-9\\-._~+/]+=*")) {
      // The value itself is a secret: say what is wrong without echoing it.
      throw new IllegalArgumentException(BEARER_TOKEN + " may contain only letters, digits and -._~+/ "
          + "(optionally followed by '='), e.g. the output of: openssl rand -hex 32");
    }
  }

  private static void requirePositive(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, got " + value);
    }
  }

  private static <T> T parse(Map<String, String> values, String key, Function<String, T> parser, T fallback) {
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      return parser.apply(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + text + "'", e);
    }
  }
}
