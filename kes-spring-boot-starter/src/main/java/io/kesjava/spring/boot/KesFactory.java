package io.kesjava.spring.boot;

import io.kesjava.client.KesClient;
import io.kesjava.core.CacheConfig;
import io.kesjava.core.KesEngine;
import io.kesjava.core.KesEngineListener;
import io.kesjava.core.KesException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@code Kes} bean from {@link KesProperties}, with clear errors. */
final class KesFactory {

  private static final System.Logger LOG = System.getLogger(KesAutoConfiguration.class.getName());

  /** Where the key store's settings come from, for the messages of the key store's checks. */
  static final String SETTINGS = "kes.embedded.key-store.settings";

  private KesFactory() {}

  static KesClient client(KesProperties.Client p) {
    if (p.getEndpoints().isEmpty()) {
      throw new KesConfigurationException(
          "kes.client.endpoints is not set",
          "Set kes.client.endpoints to the URL of one or more KES servers, such as "
              + "https://kes.example.net:7373.");
    }
    List<String> credentials = new ArrayList<>();
    if (p.getApiKey() != null) {
      credentials.add("kes.client.api-key");
    }
    if (p.getApiKeyFile() != null) {
      credentials.add("kes.client.api-key-file");
    }
    if (p.getCertFile() != null || p.getKeyFile() != null) {
      credentials.add("kes.client.cert-file and kes.client.key-file");
    }
    if (credentials.isEmpty()) {
      throw new KesConfigurationException(
          "kes.client has no credential to authenticate with",
          "Set kes.client.api-key-file (or kes.client.api-key), or kes.client.cert-file and "
              + "kes.client.key-file.");
    }
    if (credentials.size() > 1) {
      throw new KesConfigurationException(
          "kes.client has more than one credential: " + String.join(", ", credentials),
          "Keep exactly one of them.");
    }
    if ((p.getCertFile() == null) != (p.getKeyFile() == null)) {
      throw new KesConfigurationException(
          "kes.client.cert-file and kes.client.key-file must be set together",
          "Set both: the client certificate and its private key, as PEM files.");
    }
    if (p.isInsecureSkipVerify() && p.getCaFile() != null) {
      throw new KesConfigurationException(
          "kes.client.insecure-skip-verify is set together with kes.client.ca-file",
          "Remove kes.client.insecure-skip-verify: with the servers' CA there is no need for it.");
    }
    try {
      KesClient.Builder b = KesClient.builder();
      p.getEndpoints().forEach(b::endpoint);
      if (p.getApiKey() != null) {
        b.apiKey(p.getApiKey().trim());
      } else if (p.getApiKeyFile() != null) {
        b.apiKey(readApiKey(p));
      } else {
        char[] password = p.getKeyPassword() == null ? null : p.getKeyPassword().toCharArray();
        b.clientCertificate(p.getCertFile(), p.getKeyFile(), password);
      }
      if (p.getCaFile() != null) {
        b.trustedCertificates(p.getCaFile());
      }
      b.systemTrustStore(p.isSystemTrustStore());
      if (p.isInsecureSkipVerify()) {
        LOG.log(Level.WARNING, "kes.client.insecure-skip-verify is set: the KES servers' "
            + "certificates are NOT checked, and anyone on the network path can read and change "
            + "the traffic to them, keys included. Never do this in production.");
        b.insecureSkipVerify();
      }
      b.timeout(p.getTimeout());
      b.connectTimeout(p.getConnectTimeout());
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException
        | NullPointerException e) {
      // KesClient's messages name the setting or the file, never a key or a password.
      throw new KesConfigurationException(
          "kes.client: " + e.getMessage(),
          "Check the kes.client.* properties and the files they name.",
          e);
    }
  }

  private static String readApiKey(KesProperties.Client p) {
    try {
      return Files.readString(p.getApiKeyFile(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new KesConfigurationException(
          "kes.client.api-key-file: cannot read " + p.getApiKeyFile() + ": " + e,
          "Check that the file exists and that the application may read it.",
          e);
    }
  }

  static KesEngine engine(
      KesProperties.Embedded p, ClassLoader classLoader, List<KesEngineListener> listeners) {
    String provider = p.getKeyStore().getProvider();
    if (provider == null || provider.isBlank()) {
      throw new KesConfigurationException(
          "kes.embedded.key-store.provider is not set",
          "Set it to the key store to keep the keys in: fs (with "
              + SETTINGS + ".path), mem (for tests: keys are lost at exit), vault, aws, gcp, "
              + "azure, fortanix, gemalto, entrust or postgres (each with its kes-keystore-* "
              + "artifact); see docs/spring-boot.md.");
    }
    CacheConfig cache;
    try {
      KesProperties.Cache c = p.getCache();
      cache = new CacheConfig(c.getAny(), c.getUnused(), c.getOffline());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new KesConfigurationException(
          "kes.embedded.cache: " + e.getMessage(), "Set durations of zero or more.", e);
    }
    KeyStore store;
    try {
      KeyStoreRegistry registry = KeyStoreRegistry.load(classLoader);
      store = registry.create(provider, KeyStoreConfig.of(SETTINGS, settings(p)));
    } catch (IllegalArgumentException | IllegalStateException | KeyStoreException e) {
      // InvalidConfigException (an IllegalArgumentException) names the setting, never its value.
      throw new KesConfigurationException(
          "kes.embedded.key-store (" + provider + "): " + e.getMessage(),
          "Check kes.embedded.key-store.provider and the settings of that key store under "
              + SETTINGS + ".*.",
          e);
    }
    try {
      KesEngine.Builder b = KesEngine.builder().keyStore(store).cache(cache).keys(p.getKeys());
      if (listeners.size() == 1) {
        b.listener(listeners.get(0));
      } else if (!listeners.isEmpty()) {
        b.listener(new CompositeListener(listeners));
      }
      return b.build();
    } catch (IllegalArgumentException | KesException e) {
      store.close();
      throw new KesConfigurationException(
          "kes.embedded: " + e.getMessage(),
          "Check kes.embedded.keys and that the key store is reachable.",
          e);
    }
  }

  /**
   * The key store's settings as a KES config section: Spring Boot binds nested properties to
   * nested maps, and indexed ones ({@code scopes[0]}) to maps keyed {@code 0, 1, ...}, which become
   * lists here; a {@code -} in a key becomes {@code _}, since KES's setting names use underscores
   * and Spring Boot's canonical names do not.
   */
  static Map<String, Object> settings(KesProperties.Embedded p) {
    return normalizeMap(p.getKeyStore().getSettings());
  }

  private static Map<String, Object> normalizeMap(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k).replace('-', '_'), normalize(v)));
    return out;
  }

  private static Object normalize(Object value) {
    if (value instanceof Map<?, ?> m) {
      if (!m.isEmpty() && isIndexed(m)) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
          list.add(normalize(m.get(String.valueOf(i))));
        }
        return list;
      }
      return normalizeMap(m);
    }
    if (value instanceof List<?> l) {
      return l.stream().map(KesFactory::normalize).toList();
    }
    return value;
  }

  private static boolean isIndexed(Map<?, ?> m) {
    for (int i = 0; i < m.size(); i++) {
      if (!m.containsKey(String.valueOf(i))) {
        return false;
      }
    }
    return true;
  }
}
