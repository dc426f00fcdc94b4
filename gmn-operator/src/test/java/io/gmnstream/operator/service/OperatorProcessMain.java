package io.gmnstream.operator.service;

import io.gmnstream.schemas.registry.RegistryClientConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a scoring service in a JVM of its own until the process is killed, for the crash test:
 * {@code <bootstrap> <registry url> <model dir> <transactional id> <group id>}.
 */
public final class OperatorProcessMain {
    public static final String STARTED = "operator process started";

    private OperatorProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: <bootstrap> <registry url> <model dir> <transactional id> <group id>");
        }
        ScoringServiceConfig config = ScoringServiceConfig.defaults(args[0],
                        RegistryClientConfig.of(URI.create(args[1])), Path.of(args[2]))
                .withTransactionalId(args[3]).withGroupId(args[4]).withHttpPort(ScoringServiceConfig.NO_HTTP_SERVER)
                .withBatch(CrashRecoveryTest.BATCH).withMaxBatchWait(Duration.ZERO).withModelReloadInterval(Duration.ZERO);
        ScoringService.start(config);
        System.out.println(STARTED);
        System.out.flush();
        // Runs until killed: the test ends this process with destroyForcibly, never by closing the service.
        new CountDownLatch(1).await();
    }

}
