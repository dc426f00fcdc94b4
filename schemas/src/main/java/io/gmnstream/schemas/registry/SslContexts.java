package io.gmnstream.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/** Builds the SSLContext that trusts the CAs of a configured truststore. */
final class SslContexts {

  private SslContexts() {}

  static SSLContext trusting(Path trustStore, char[] password, TrustStoreType type) {
    try (InputStream in = Files.newInputStream(trustStore)) {
      KeyStore store = KeyStore.getInstance(type.name());
      store.load(in, password);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(RegistryClientConfig.TRUSTSTORE_LOCATION, trustStore.toString(),
          "cannot load it as a " + type + " truststore (check "
              + RegistryClientConfig.TRUSTSTORE_TYPE + " and "
              + RegistryClientConfig.TRUSTSTORE_PASSWORD + "): " + e.getMessage());
    }
  }
}
