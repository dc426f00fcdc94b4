package io.gmnstream.streamjobs.monitor.service;

import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.streamjobs.hooks.AlertHooksConfig;
import io.gmnstream.streamjobs.monitor.RunMonitorConfig;
import io.gmnstream.streamjobs.monitor.web.DashboardConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One monitor instance: the Kafka Streams run monitor, the dashboard it serves, and optionally the
 * alert hooks next to it.
 *
 * @param advertisedHost the host name other monitor instances reach this one's dashboard port at (its
 *     {@code application.server} for interactive queries); on Kubernetes, the pod's IP or DNS name
 * @param peerTimeout how long a query forwarded to another instance may take
 * @param hooks webhook delivery, when any endpoint is configured
 */
public record MonitorServiceConfig(RunMonitorConfig monitor, DashboardConfig dashboard, String advertisedHost,
                                   Duration peerTimeout, Optional<AlertHooksConfig> hooks) {

    public static final String DEFAULT_ADVERTISED_HOST = "127.0.0.1";
    public static final Duration DEFAULT_PEER_TIMEOUT = Duration.ofSeconds(5);

    public MonitorServiceConfig {
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(dashboard, "dashboard");
        Objects.requireNonNull(hooks, "hooks");
        if (advertisedHost == null || advertisedHost.isBlank() || advertisedHost.contains(":")) {
            throw new IllegalArgumentException("monitor.advertisedHost must be a host name or IPv4 address without a "
                    + "port (the dashboard port is added), got '" + advertisedHost + "'");
        }
        if (peerTimeout == null || peerTimeout.isNegative() || peerTimeout.isZero()) {
            throw new IllegalArgumentException("monitor.peerTimeout must be positive, got " + peerTimeout);
        }
        if (monitor.applicationServer().isPresent()) {
            throw new IllegalArgumentException("monitor.applicationServer is set from advertisedHost and the dashboard's "
                    + "port; leave it out (got " + monitor.applicationServer().get() + ")");
        }
    }

    /** The monitor and dashboard with their defaults, no hooks. */
    public static MonitorServiceConfig defaults(String bootstrapServers, RegistryClientConfig registry, Path stateDir) {
        return new MonitorServiceConfig(RunMonitorConfig.defaults(bootstrapServers, registry, stateDir),
                DashboardConfig.defaults(), DEFAULT_ADVERTISED_HOST, DEFAULT_PEER_TIMEOUT, Optional.empty());
    }

    public MonitorServiceConfig withMonitor(RunMonitorConfig value) {
        return new MonitorServiceConfig(value, dashboard, advertisedHost, peerTimeout, hooks);
    }

    public MonitorServiceConfig withDashboard(DashboardConfig value) {
        return new MonitorServiceConfig(monitor, value, advertisedHost, peerTimeout, hooks);
    }

    public MonitorServiceConfig withAdvertisedHost(String value) {
        return new MonitorServiceConfig(monitor, dashboard, value, peerTimeout, hooks);
    }

    public MonitorServiceConfig withHooks(AlertHooksConfig value) {
        return new MonitorServiceConfig(monitor, dashboard, advertisedHost, peerTimeout, Optional.of(value));
    }
}
