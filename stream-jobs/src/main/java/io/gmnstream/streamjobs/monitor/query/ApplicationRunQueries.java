package io.gmnstream.streamjobs.monitor.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers for the whole monitor application: a run lives in the store of the instance that owns its
 * partition, so {@link #run} asks Kafka Streams which instance that is and reads locally or over
 * HTTP; {@link #runs} gathers every instance's runs.
 */
public final class ApplicationRunQueries implements RunQueries {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationRunQueries.class);

    private final KafkaStreams streams;
    private final String storeName;
    private final HostInfo self;
    private final RunQueries local;
    private final PeerRunQueries peers;

    /**
     * @param self this instance's {@code application.server}, to tell local keys from remote ones
     * @param local reads this instance's stores only
     */
    public ApplicationRunQueries(KafkaStreams streams, String storeName, HostInfo self, RunQueries local,
                                 PeerRunQueries peers) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.self = Objects.requireNonNull(self, "self");
        this.local = Objects.requireNonNull(local, "local");
        this.peers = Objects.requireNonNull(peers, "peers");
    }

    @Override
    public List<RunSummary> runs() {
        Map<String, RunSummary> byRun = new LinkedHashMap<>();
        for (HostInfo host : hostsWithStore()) {
            List<RunSummary> held;
            try {
                held = self.equals(host) ? local.runs() : peers.runs(host);
            } catch (RuntimeException e) {
                // One unreachable instance must not blank the whole table: show what the others hold.
                LOG.warn("cannot list the runs of monitor instance {}: {}", host, e.toString());
                continue;
            }
            // Standbys are not asked, so a run appears once; keep the latest if a rebalance shows it twice.
            held.forEach(s -> byRun.merge(s.runId(), s, ApplicationRunQueries::latest));
        }
        List<RunSummary> all = new ArrayList<>(byRun.values());
        all.sort(Comparator.comparingLong(RunSummary::lastScoredAtMillis).reversed()
                .thenComparing(RunSummary::runId));
        return all;
    }

    @Override
    public Optional<RunHistory> run(String runId) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(storeName, runId, Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            // Not yet assigned (startup, rebalance): the local store is the only place to look.
            return local.run(runId);
        }
        if (self.equals(owner.activeHost())) {
            return local.run(runId);
        }
        try {
            return peers.run(owner.activeHost(), runId);
        } catch (RuntimeException e) {
            for (HostInfo standby : owner.standbyHosts()) {
                LOG.warn("run {}: active instance {} failed ({}); asking standby {}", runId, owner.activeHost(),
                        e.toString(), standby);
                Optional<RunHistory> fromStandby = self.equals(standby) ? local.run(runId) : tryPeer(standby, runId);
                if (fromStandby.isPresent()) {
                    return fromStandby;
                }
            }
            throw e;
        }
    }

    private Optional<RunHistory> tryPeer(HostInfo peer, String runId) {
        try {
            return peers.run(peer, runId);
        } catch (RuntimeException e) {
            LOG.warn("run {}: standby {} failed too: {}", runId, peer, e.toString());
            return Optional.empty();
        }
    }

    private Collection<HostInfo> hostsWithStore() {
        Collection<StreamsMetadata> metadata = streams.streamsMetadataForStore(storeName);
        if (metadata.isEmpty()) {
            return List.of(self);
        }
        return metadata.stream().map(StreamsMetadata::hostInfo).distinct().toList();
    }

    private static RunSummary latest(RunSummary a, RunSummary b) {
        return b.lastScoredAtMillis() > a.lastScoredAtMillis() ? b : a;
    }
}
