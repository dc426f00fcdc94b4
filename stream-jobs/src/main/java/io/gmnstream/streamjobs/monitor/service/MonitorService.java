package io.gmnstream.streamjobs.monitor.service;

import io.gmnstream.streamjobs.hooks.AlertHooks;
import io.gmnstream.streamjobs.monitor.RunMonitor;
import io.gmnstream.streamjobs.monitor.RunMonitorConfig;
import io.gmnstream.streamjobs.monitor.query.ApplicationRunQueries;
import io.gmnstream.streamjobs.monitor.query.PeerRunQueries;
import io.gmnstream.streamjobs.monitor.query.RunQueries;
import io.gmnstream.streamjobs.monitor.topology.MonitorTopology;
import io.gmnstream.streamjobs.monitor.web.DashboardServer;
import io.gmnstream.streamjobs.monitor.web.Health;
import io.gmnstream.streamjobs.monitor.web.LiveFeed;
import io.gmnstream.streamjobs.monitor.web.RunMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running monitor instance: the Kafka Streams run monitor (alerts to gmn.alerts), the live feed
 * of scores and alerts, the dashboard with its REST API, event stream and per-run Prometheus
 * metrics, and the alert hooks when configured. Instances with the same application id share the
 * runs; each dashboard answers for all of them.
 */
public final class MonitorService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorService.class);

    private final PrometheusMeterRegistry meters;
    private final LiveFeed feed;
    private final DashboardServer dashboard;
    private final RunMonitor monitor;
    private final AlertHooks hooks;
    private final String dashboardUrl;

    private MonitorService(PrometheusMeterRegistry meters, LiveFeed feed, DashboardServer dashboard, RunMonitor monitor,
                           AlertHooks hooks, String dashboardUrl) {
        this.meters = meters;
        this.feed = feed;
        this.dashboard = dashboard;
        this.monitor = monitor;
        this.hooks = hooks;
        this.dashboardUrl = dashboardUrl;
    }

    /** Starts every part; stops what did start if a later part fails. */
    public static MonitorService start(MonitorServiceConfig config) {
        Objects.requireNonNull(config, "config");
        LOG.info("Starting the run monitor: {}", config);
        RunMonitorConfig monitorConfig = config.monitor();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LiveFeed feed = null;
        DashboardServer dashboard = null;
        RunMonitor monitor = null;
        AlertHooks hooks = null;
        try {
            feed = new LiveFeed(monitorConfig.bootstrapServers(), monitorConfig.kafkaProperties(),
                    monitorConfig.registry(), config.dashboard().recentAlerts())
                    .readingTopics(monitorConfig.topology().scoresTopic(), monitorConfig.topology().alertsTopic());
            feed.subscribe(new RunMetrics(meters));
            LateRunQueries allRuns = new LateRunQueries();
            LateRunQueries localRuns = new LateRunQueries();
            LiveFeed startedFeed = feed;
            StartedParts holder = new StartedParts();
            dashboard = DashboardServer.builder(config.dashboard())
                    .runs(allRuns).localRuns(localRuns).feed(feed).metrics(meters)
                    .health(() -> health(holder.monitor, startedFeed, holder.hooks))
                    .start();
            HostInfo self = new HostInfo(config.advertisedHost(), dashboard.port());
            monitor = new RunMonitor(monitorConfig.withApplicationServer(self.host() + ":" + self.port()));
            holder.monitor = monitor;
            RunQueries local = monitor.localQueries();
            localRuns.bind(local);
            allRuns.bind(new ApplicationRunQueries(monitor.streams(), MonitorTopology.RUN_STATE_STORE, self, local,
                    new PeerRunQueries(config.peerTimeout(), config.dashboard().bearerToken())));
            monitor.start();
            feed.start();
            if (config.hooks().isPresent()) {
                hooks = AlertHooks.start(config.hooks().get(), meters);
                holder.hooks = hooks;
            }
            String url = "http://" + urlHost(config) + ":" + dashboard.port() + "/";
            return new MonitorService(meters, feed, dashboard, monitor, hooks, url);
        } catch (RuntimeException e) {
            closeQuietly(e, hooks, dashboard, feed, monitor);
            meters.close();
            throw e;
        }
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public String dashboardUrl() {
        return dashboardUrl;
    }

    public int dashboardPort() {
        return dashboard.port();
    }

    public RunMonitor monitor() {
        return monitor;
    }

    public LiveFeed feed() {
        return feed;
    }

    public Optional<AlertHooks> hooks() {
        return Optional.ofNullable(hooks);
    }

    /** Whether the monitor can still do its job; the launcher exits when it cannot. */
    public boolean isHealthy() {
        return health().up();
    }

    /** The state of each part, as {@code /healthz} reports it. */
    public Health health() {
        return health(monitor, feed, hooks);
    }

    @Override
    public void close() {
        RuntimeException failure = new IllegalStateException("could not stop the run monitor cleanly");
        closeQuietly(failure, hooks, dashboard, feed, monitor);
        meters.close();
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    static Health health(RunMonitor monitor, LiveFeed feed, AlertHooks hooks) {
        Map<String, String> details = new LinkedHashMap<>();
        boolean up = true;
        if (monitor != null) {
            KafkaStreams.State state = monitor.streams().state();
            details.put("streams", state.name());
            up &= state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED;
        }
        details.put("feed", feed.state().name());
        up &= feed.state() != LiveFeed.State.FAILED && feed.state() != LiveFeed.State.CLOSED;
        if (hooks != null) {
            details.put("hooks", hooks.isRunning() ? "RUNNING" : "FAILED");
            up &= hooks.isRunning();
        }
        return new Health(up, details);
    }

    private static String urlHost(MonitorServiceConfig config) {
        String bind = config.dashboard().bindAddress();
        return "0.0.0.0".equals(bind) || "::".equals(bind) ? config.advertisedHost() : bind;
    }

    private static void closeQuietly(RuntimeException failure, AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** The parts the health check looks at, set as they start. */
    private static final class StartedParts {
        volatile RunMonitor monitor;
        volatile AlertHooks hooks;
    }
}
