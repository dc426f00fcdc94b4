package io.gmnstream.embedded.registry;

import io.gmnstream.embedded.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Serve HTTPS with the key and certificate in a keystore.
 *
 * @param keystore     an existing keystore file holding one private key entry
 * @param password     the keystore password, also used for the key
 * @param keystoreType PKCS12 or JKS
 */
public record TlsConfig(Path keystore, String password, String keystoreType) {
    private static final Set<String> TYPES = Set.of("PKCS12", "JKS");

    public TlsConfig {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(keystoreType, "keystoreType");
        if (!Files.isRegularFile(keystore)) {
            throw new ConfigException("tls.keystore", keystore, "must be an existing keystore file");
        }
        keystoreType = keystoreType.toUpperCase(Locale.ROOT);
        if (!TYPES.contains(keystoreType)) {
            throw new ConfigException("tls.keystoreType", keystoreType, "must be one of " + TYPES);
        }
    }

    public static TlsConfig pkcs12(Path keystore, String password) {
        return new TlsConfig(keystore, password, "PKCS12");
    }

    @Override
    public String toString() {
        return "TlsConfig[keystore=" + keystore + ", keystoreType=" + keystoreType + "]";
    }
}
