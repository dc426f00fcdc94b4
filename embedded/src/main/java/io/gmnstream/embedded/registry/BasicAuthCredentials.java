package io.gmnstream.embedded.registry;

import io.gmnstream.embedded.ConfigException;

import java.util.Objects;

/**
 * The one user allowed to call the registry with HTTP basic auth.
 *
 * @param user     non-blank, without ':' (basic auth splits on the first colon)
 * @param password non-empty
 */
public record BasicAuthCredentials(String user, String password) {
    public BasicAuthCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isBlank() || user.contains(":")) {
            throw new ConfigException("basicAuth.user", user, "must be non-blank and must not contain ':'");
        }
        if (password.isEmpty()) {
            throw new ConfigException("basicAuth.password", "<empty>", "must not be empty");
        }
    }

    @Override
    public String toString() {
        return "BasicAuthCredentials[user=" + user + ", password=***]";
    }
}
