package io.gmnstream.embedded.kafka.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks free loopback ports. KRaft needs the controller port before the server starts (it is part of the
 * static voter list), so "bind to port 0" is not an option; the window between releasing the probe
 * socket and Kafka binding it is tiny on a laptop or CI machine.
 */
public final class FreePorts {
    private FreePorts() {
    }

    /** {@code requested} unless it is 0, otherwise a port that was free a moment ago. */
    public static int resolve(int requested) {
        return requested != 0 ? requested : pick();
    }

    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }
}
