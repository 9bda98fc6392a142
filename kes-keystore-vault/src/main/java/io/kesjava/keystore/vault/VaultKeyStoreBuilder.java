package io.kesjava.keystore.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Collects the settings of a {@link VaultKeyStore}; {@link #build()} checks them, logs in and
 * returns the store. Defaults follow KES ({@code docs/keystores/vault.md}): engine {@code kv},
 * version v1, no prefix, no namespace, Transit engine {@code transit}, status ping 15 s.
 *
 * <p>Thread-safety: not safe for concurrent use; the built store is independent of the builder.
 *
 * <p>Security: {@link #toString()} never shows a credential.
 */
public final class VaultKeyStoreBuilder {

  private HttpUrl endpoint;
  private String endpointText = "";
  private String engine = "kv";
  private KvVersion version = KvVersion.V1;
  private String prefix = "";
  private String namespace = "";
  private String transitEngine = "transit";
  private String transitKey; // null: Transit off
  private VaultLogin login;
  private Path tlsCert;
  private Path tlsKey;
  private Path tlsCa;
  private Duration statusPing = Duration.ofSeconds(15);
  private Duration timeout = Duration.ofSeconds(60);
  private Clock clock = Clock.systemUTC();
  private Scheduler scheduler; // null: one daemon thread per store

  VaultKeyStoreBuilder() {}

  /**
   * Vault's address, such as {@code https://127.0.0.1:8200}.
   *
   * @throws IllegalArgumentException if it is not an http or https URL, or holds user info
   */
  public VaultKeyStoreBuilder endpoint(String endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    if (endpoint.isEmpty()) {
      throw new IllegalArgumentException("vault: endpoint is empty");
    }
    HttpUrl url = HttpUrl.parse(endpoint);
    if (url == null) {
      throw new IllegalArgumentException("vault: invalid endpoint: not an http(s) URL");
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw new IllegalArgumentException("vault: the endpoint must not contain credentials");
    }
    this.endpoint = url;
    this.endpointText = endpoint;
    return this;
  }

  /** The mount path of the K/V engine (default {@code kv}; empty restores it). */
  public VaultKeyStoreBuilder engine(String engine) {
    Objects.requireNonNull(engine, "engine");
    this.engine = engine.isEmpty() ? "kv" : engine;
    return this;
  }

  /** The K/V engine's API version (default v1). */
  public VaultKeyStoreBuilder version(KvVersion version) {
    this.version = Objects.requireNonNull(version, "version");
    return this;
  }

  /** The path inside the engine under which entries live (default none; may hold slashes). */
  public VaultKeyStoreBuilder prefix(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    return this;
  }

  /** The Vault Enterprise namespace sent as {@code X-Vault-Namespace} (default none). */
  public VaultKeyStoreBuilder namespace(String namespace) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    return this;
  }

  /**
   * Stores values encrypted with the Transit key {@code key} mounted at {@code engine} (empty means
   * {@code transit}).
   *
   * @throws IllegalArgumentException if {@code key} is empty
   */
  public VaultKeyStoreBuilder transit(String engine, String key) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("vault: invalid transit config: no key name specified");
    }
    this.transitEngine = engine.isEmpty() ? "transit" : engine;
    this.transitKey = key;
    return this;
  }

  /** How the store logs in: {@link AppRoleLogin} or {@link KubernetesLogin}. Required. */
  public VaultKeyStoreBuilder login(VaultLogin login) {
    this.login = Objects.requireNonNull(login, "login");
    return this;
  }

  /** Presents the client certificate (chain) and private key in these PEM files to Vault. */
  public VaultKeyStoreBuilder clientCertificate(Path certificate, Path privateKey) {
    this.tlsCert = Objects.requireNonNull(certificate, "certificate");
    this.tlsKey = Objects.requireNonNull(privateKey, "privateKey");
    return this;
  }

  /**
   * Trusts only the CA certificates in this PEM file, or in the files of this directory, instead of
   * the system roots.
   */
  public VaultKeyStoreBuilder caCertificates(Path fileOrDirectory) {
    this.tlsCa = Objects.requireNonNull(fileOrDirectory, "fileOrDirectory");
    return this;
  }

  /**
   * How often the background probe checks whether Vault is sealed (default 15 s; zero turns the
   * probe off).
   *
   * @throws IllegalArgumentException if negative
   */
  public VaultKeyStoreBuilder statusPing(Duration ping) {
    Objects.requireNonNull(ping, "ping");
    if (ping.isNegative()) {
      throw new IllegalArgumentException("vault: status ping must not be negative: " + ping);
    }
    this.statusPing = ping;
    return this;
  }

  /**
   * The longest a single HTTP call to Vault may take (default 60 s, as the Vault SDK).
   *
   * @throws IllegalArgumentException if not positive
   */
  public VaultKeyStoreBuilder timeout(Duration timeout) {
    this.timeout = AppRoleLogin.requirePositive(Objects.requireNonNull(timeout, "timeout"));
    return this;
  }

  /** The clock that token lifetimes are measured with (default the system clock). */
  public VaultKeyStoreBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Runs background work on {@code scheduler} instead of a thread of the store's own (tests). */
  VaultKeyStoreBuilder scheduler(Scheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /**
   * Checks the settings, sets up TLS, logs in and starts the background session and health probe.
   *
   * @throws IllegalStateException if the endpoint or the login is missing
   * @throws io.kesjava.keystore.KeyStoreUnreachableException if Vault cannot be reached
   * @throws io.kesjava.keystore.KeyStoreException if a TLS file is unusable or the login fails
   */
  public VaultKeyStore build() {
    if (endpoint == null) {
      throw new IllegalStateException("vault: endpoint is empty");
    }
    if (login == null) {
      throw new IllegalStateException("vault: no authentication method specified");
    }
    OkHttpClient.Builder http =
        new OkHttpClient.Builder()
            .callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .connectTimeout(Math.min(timeout.toMillis(), 10_000), TimeUnit.MILLISECONDS)
            .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (tlsCert != null || tlsCa != null) {
      VaultTls tls = VaultTls.load(tlsCert, tlsKey, tlsCa);
      http.sslSocketFactory(tls.context().getSocketFactory(), tls.trustManager());
    }
    OkHttpClient okHttp = http.build();
    Scheduler background = scheduler != null ? scheduler : new ExecutorScheduler();
    Redactor redactor = new Redactor();
    VaultHttp vault = new VaultHttp(okHttp, endpoint, new ObjectMapper(), redactor);
    VaultHealth health = new VaultHealth(vault, statusPing, background);
    VaultSession session =
        new VaultSession(vault, login, namespace, clock, background, redactor, health::sealed);
    try {
      session.start();
    } catch (RuntimeException e) {
      background.close();
      okHttp.dispatcher().executorService().shutdown();
      okHttp.connectionPool().evictAll();
      throw e;
    }
    health.start();
    VaultClient client = new VaultClient(vault, session, health, namespace);
    VaultTransit transit =
        transitKey == null ? null : new VaultTransit(client, transitEngine, transitKey);
    VaultKv kv = new VaultKv(client, version, engine, prefix, transit);
    return new VaultKeyStore(copy(), okHttp, background, session, health, client, kv);
  }

  /** The endpoint as given. */
  String endpoint() {
    return endpointText;
  }

  VaultKeyStoreBuilder copy() {
    VaultKeyStoreBuilder b = new VaultKeyStoreBuilder();
    b.endpoint = endpoint;
    b.endpointText = endpointText;
    b.engine = engine;
    b.version = version;
    b.prefix = prefix;
    b.namespace = namespace;
    b.transitEngine = transitEngine;
    b.transitKey = transitKey;
    b.login = login;
    b.tlsCert = tlsCert;
    b.tlsKey = tlsKey;
    b.tlsCa = tlsCa;
    b.statusPing = statusPing;
    b.timeout = timeout;
    b.clock = clock;
    b.scheduler = scheduler;
    return b;
  }

  /** {@code [endpoint=..., ...]}: every setting but credentials. */
  String describe() {
    return "[endpoint="
        + endpoint()
        + ", engine="
        + engine
        + ", version="
        + version
        + ", prefix="
        + prefix
        + ", namespace="
        + namespace
        + ", transit="
        + (transitKey == null ? "off" : transitEngine + "/" + transitKey)
        + ", login="
        + login
        + ", tls.cert="
        + (tlsCert == null ? "" : tlsCert)
        + ", tls.ca="
        + (tlsCa == null ? "" : tlsCa)
        + ", statusPing="
        + statusPing
        + "]";
  }

  /** The settings without any credential. */
  @Override
  public String toString() {
    return "VaultKeyStoreBuilder" + describe();
  }

  // Package-private accessors: the provider's tests read the parsed settings.

  String engine() {
    return engine;
  }

  KvVersion version() {
    return version;
  }

  String prefix() {
    return prefix;
  }

  String namespace() {
    return namespace;
  }

  String transitEngine() {
    return transitEngine;
  }

  String transitKey() {
    return transitKey;
  }

  VaultLogin login() {
    return login;
  }

  Path tlsCert() {
    return tlsCert;
  }

  Path tlsKey() {
    return tlsKey;
  }

  Path tlsCa() {
    return tlsCa;
  }

  Duration statusPing() {
    return statusPing;
  }
}
