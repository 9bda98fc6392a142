package io.kesjava.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code kes.*} properties: either {@code kes.client.*} (a {@code KesClient} of a KES server)
 * or {@code kes.embedded.*} (a {@code KesEngine} in the application), see {@code
 * docs/spring-boot.md}. Checked when bound: setting both, or neither, fails the start with a
 * message that says what to set.
 *
 * <p>Security: {@link #toString()} of this class and its parts shows no API key, password or
 * key-store setting.
 */
@ConfigurationProperties("kes")
public class KesProperties implements InitializingBean {

  /** Whether to create the Kes bean at all. */
  private boolean enabled = true;

  /**
   * Client (a KES server over HTTPS) or embedded (an engine in this application). Inferred from
   * which of kes.client.endpoints and kes.embedded.key-store.provider is set.
   */
  private KesMode mode;

  private final Client client = new Client();
  private final Embedded embedded = new Embedded();
  private final Metrics metrics = new Metrics();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public KesMode getMode() {
    return mode;
  }

  public void setMode(KesMode mode) {
    this.mode = mode;
  }

  public Client getClient() {
    return client;
  }

  public Embedded getEmbedded() {
    return embedded;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  /** The mode these properties configure. */
  public KesMode resolvedMode() {
    return KesMode.resolve(this);
  }

  /**
   * Checks that the properties name exactly one mode.
   *
   * @throws KesConfigurationException if they name both or neither
   */
  @Override
  public void afterPropertiesSet() {
    if (enabled) {
      resolvedMode();
    }
  }

  @Override
  public String toString() {
    return "KesProperties[mode=" + mode + ", client=" + client + ", embedded=" + embedded + "]";
  }

  /** {@code kes.client.*}: a KesClient of one or more KES servers. */
  public static class Client {

    /** The servers, such as https://kes.example.net:7373; requests spread over all of them. */
    private List<String> endpoints = new ArrayList<>();

    /** An API key (kes:v1:...) to authenticate with. Prefer api-key-file or an environment variable. */
    private String apiKey;

    /** A file that holds the API key (kes:v1:...) to authenticate with. */
    private Path apiKeyFile;

    /** The client certificate (PEM, leaf first) to authenticate with; needs key-file. */
    private Path certFile;

    /** The private key (PEM) of cert-file. */
    private Path keyFile;

    /** The password of key-file, when it is encrypted. */
    private String keyPassword;

    /** The CA certificates (a PEM file, or a directory of them) the servers' certificates chain to. */
    private Path caFile;

    /** Whether the JDK's default CA certificates are trusted too. */
    private boolean systemTrustStore = true;

    /**
     * Accept every server certificate and host name: anyone on the network path can read and change
     * the traffic, keys included. For development only; logged as a warning at start.
     */
    private boolean insecureSkipVerify;

    /** The longest one operation may take, retries included. */
    private Duration timeout = Duration.ofSeconds(30);

    /** The longest a connection attempt to one endpoint may take. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    public List<String> getEndpoints() {
      return endpoints;
    }

    public void setEndpoints(List<String> endpoints) {
      this.endpoints = endpoints;
    }

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    public Path getApiKeyFile() {
      return apiKeyFile;
    }

    public void setApiKeyFile(Path apiKeyFile) {
      this.apiKeyFile = apiKeyFile;
    }

    public Path getCertFile() {
      return certFile;
    }

    public void setCertFile(Path certFile) {
      this.certFile = certFile;
    }

    public Path getKeyFile() {
      return keyFile;
    }

    public void setKeyFile(Path keyFile) {
      this.keyFile = keyFile;
    }

    public String getKeyPassword() {
      return keyPassword;
    }

    public void setKeyPassword(String keyPassword) {
      this.keyPassword = keyPassword;
    }

    public Path getCaFile() {
      return caFile;
    }

    public void setCaFile(Path caFile) {
      this.caFile = caFile;
    }

    public boolean isSystemTrustStore() {
      return systemTrustStore;
    }

    public void setSystemTrustStore(boolean systemTrustStore) {
      this.systemTrustStore = systemTrustStore;
    }

    public boolean isInsecureSkipVerify() {
      return insecureSkipVerify;
    }

    public void setInsecureSkipVerify(boolean insecureSkipVerify) {
      this.insecureSkipVerify = insecureSkipVerify;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    /** Whether any client property is set. */
    boolean isConfigured() {
      return !endpoints.isEmpty() || apiKey != null || apiKeyFile != null || certFile != null
          || keyFile != null || caFile != null || insecureSkipVerify;
    }

    @Override
    public String toString() {
      return "Client[endpoints=" + endpoints + (apiKey != null ? ", api-key=<redacted>" : "")
          + (apiKeyFile != null ? ", api-key-file=" + apiKeyFile : "")
          + (certFile != null ? ", cert-file=" + certFile : "")
          + (insecureSkipVerify ? ", insecure-skip-verify" : "") + "]";
    }
  }

  /** {@code kes.embedded.*}: a KesEngine in this application. */
  public static class Embedded {

    private final KeyStore keyStore = new KeyStore();
    private final Cache cache = new Cache();

    /** Keys to create at start when they do not exist. */
    private List<String> keys = new ArrayList<>();

    public KeyStore getKeyStore() {
      return keyStore;
    }

    public Cache getCache() {
      return cache;
    }

    public List<String> getKeys() {
      return keys;
    }

    public void setKeys(List<String> keys) {
      this.keys = keys;
    }

    boolean isConfigured() {
      return keyStore.provider != null || !keyStore.settings.isEmpty() || !keys.isEmpty();
    }

    @Override
    public String toString() {
      return "Embedded[key-store=" + keyStore.provider + ", keys=" + keys + "]";
    }
  }

  /** {@code kes.embedded.key-store.*}: where the engine keeps its keys. */
  public static class KeyStore {

    /**
     * The key store by its provider name: fs, mem, vault, aws, gcp, azure, fortanix, gemalto,
     * entrust, postgres (each but fs and mem needs its kes-keystore-* artifact).
     */
    private String provider;

    /**
     * The key store's settings, as under keystore.[provider] of a KES config file; a '-' in a key
     * is read as '_' (project-id is project_id).
     */
    private Map<String, Object> settings = new LinkedHashMap<>();

    public String getProvider() {
      return provider;
    }

    public void setProvider(String provider) {
      this.provider = provider;
    }

    public Map<String, Object> getSettings() {
      return settings;
    }

    public void setSettings(Map<String, Object> settings) {
      this.settings = settings;
    }

    @Override
    public String toString() {
      return "KeyStore[" + provider + ", settings=" + settings.keySet() + "]";
    }
  }

  /** {@code kes.embedded.cache.*}: how long the engine keeps keys it read from the key store. */
  public static class Cache {

    /** Every key is read again from the key store at least this often; 0 turns it off. */
    private Duration any = Duration.ofMinutes(5);

    /** A key not used for this long is dropped; 0 turns it off. */
    private Duration unused = Duration.ofSeconds(30);

    /** While the key store fails, keys keep being served up to this long after they expired. */
    private Duration offline = Duration.ZERO;

    public Duration getAny() {
      return any;
    }

    public void setAny(Duration any) {
      this.any = any;
    }

    public Duration getUnused() {
      return unused;
    }

    public void setUnused(Duration unused) {
      this.unused = unused;
    }

    public Duration getOffline() {
      return offline;
    }

    public void setOffline(Duration offline) {
      this.offline = offline;
    }
  }

  /** {@code kes.metrics.*}. */
  public static class Metrics {

    /** Whether the embedded engine reports to Micrometer, when Micrometer is present. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
