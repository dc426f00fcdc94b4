package io.gmnstream.embedded.registry.internal;

import io.gmnstream.embedded.registry.TlsConfig;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** Builds the server-side TLS context from a keystore. */
public final class TlsContexts {
    private TlsContexts() {
    }

    public static SSLContext serverContext(TlsConfig tls) {
        char[] password = tls.password().toCharArray();
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore keyStore = KeyStore.getInstance(tls.keystoreType());
            keyStore.load(in, password);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not load the TLS keystore " + tls.keystore() + " ("
                    + tls.keystoreType() + "): " + e.getMessage() + "; check the path, type and password", e);
        }
    }
}
