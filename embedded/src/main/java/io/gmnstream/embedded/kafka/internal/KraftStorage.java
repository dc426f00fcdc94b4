package io.gmnstream.embedded.kafka.internal;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.properties.PropertiesUtils;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The programmatic equivalent of {@code kafka-storage format}: a KRaft node refuses to start on an
 * unformatted log directory. A directory that is already formatted is kept as it is, so a persistent
 * data dir restarts with its cluster id, metadata and topics.
 */
public final class KraftStorage {
    private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);

    private KraftStorage() {
    }

    /** Formats {@code logDir} unless it already is, and returns the cluster id stored in it. */
    public static String formatIfNeeded(Path logDir, int nodeId, String controllerListenerName) {
        Path metaFile = logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME);
        if (Files.exists(metaFile)) {
            return readClusterId(metaFile);
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream formatterOutput = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(formatterOutput, true, StandardCharsets.UTF_8)) {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setControllerListenerName(controllerListenerName)
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the Kafka log directory " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("Formatting the KRaft storage in " + logDir + " failed: "
                    + e.getMessage() + ". Delete the directory to start a fresh cluster.", e);
        }
        LOG.debug("Formatted {}: {}", logDir, formatterOutput.toString(StandardCharsets.UTF_8).strip());
        return clusterId;
    }

    private static String readClusterId(Path metaFile) {
        try {
            MetaProperties meta = new MetaProperties.Builder(PropertiesUtils.readPropertiesFile(metaFile.toString()))
                    .build();
            return meta.clusterId().orElseThrow(() -> new IllegalStateException(
                    metaFile + " holds no cluster.id; delete the data directory to start a fresh cluster"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + metaFile, e);
        }
    }
}
