package io.gmnstream.embedded.registry.internal;

import io.gmnstream.embedded.registry.BasicAuthCredentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/** Checks the Authorization header against the configured user, if any. */
public final class BasicAuthenticator {
    public static final String CHALLENGE = "Basic realm=\"gmn-schema-registry\"";

    private final Optional<byte[]> expectedHeader;

    public BasicAuthenticator(Optional<BasicAuthCredentials> credentials) {
        this.expectedHeader = credentials.map(c -> ("Basic " + Base64.getEncoder().encodeToString(
                (c.user() + ":" + c.password()).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8));
    }

    public boolean enabled() {
        return expectedHeader.isPresent();
    }

    /** Throws 401 / 40101 unless auth is off or the header carries the configured credentials. */
    public void check(String authorizationHeader) {
        if (expectedHeader.isEmpty()) {
            return;
        }
        byte[] given = authorizationHeader == null ? new byte[0] : authorizationHeader.getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: the time taken says nothing about how much of the secret matched.
        if (!MessageDigest.isEqual(expectedHeader.get(), given)) {
            throw RegistryException.unauthorized();
        }
    }
}
