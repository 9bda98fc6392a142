package io.kesjava.keystore.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.common.Checks;
import io.kesjava.keystore.common.Redactor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A {@link KeyStore} on HashiCorp Vault's K/V secrets engine, storage compatible with KES ({@code
 * docs/keystores/vault.md}): the same paths, field names and values, so that KES and kes-java can
 * share one Vault.
 *
 * <pre>{@code
 * try (VaultKeyStore store = VaultKeyStore.builder()
 *     .endpoint("https://vault.example.com:8200")
 *     .version(KvVersion.V2)
 *     .prefix("tenant-1")
 *     .login(AppRoleLogin.of(roleId, secretId))
 *     .build()) {
 *   store.create("my-key", value);
 * }
 * }</pre>
 *
 * <p>The store logs in when it is built, renews its token in the background before it expires, and
 * logs in again when renewal can no longer help or Vault rejects the token. A background probe of
 * {@code sys/health} tracks whether Vault is sealed.
 *
 * <p>Errors: Vault unreachable or sealed ⇒ {@link KeyStoreUnreachableException}; a missing entry ⇒
 * {@link EntryNotFoundException}; an existing one ⇒ {@link EntryExistsException}; anything else ⇒
 * {@link KeyStoreException} carrying Vault's error text. Deleting a missing entry succeeds, as
 * Vault answers 204.
 *
 * <p>Thread-safety: safe for concurrent use.
 *
 * <p>Security: tokens, credentials and values never reach a log, an exception message or {@link
 * #toString()}; Vault's error texts are scrubbed of them before they are quoted. Values pass
 * through {@link String}s on their way to JSON, which cannot be zeroed.
 */
public final class VaultKeyStore implements KeyStore {

  private final Builder settings;
  private final OkHttpClient httpClient;
  private final Scheduler scheduler;
  private final VaultSession session;
  private final VaultHealth health;
  private final VaultClient client;
  private final VaultKv kv;

  VaultKeyStore(
      Builder settings,
      OkHttpClient httpClient,
      Scheduler scheduler,
      VaultSession session,
      VaultHealth health,
      VaultClient client,
      VaultKv kv) {
    this.settings = settings;
    this.httpClient = httpClient;
    this.scheduler = scheduler;
    this.session = session;
    this.health = health;
    this.client = client;
    this.kv = kv;
  }

  /** A builder with KES's defaults: engine {@code kv}, version v1, no prefix, no namespace. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this store's settings, to build a variant. */
  public Builder toBuilder() {
    return settings.copy();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Looks for the entry first and writes it only if absent; on K/V v2 the write also carries
   * {@code cas=0}, so that a racing writer fails with {@link EntryExistsException}. With Transit
   * configured, the value is stored as its Transit ciphertext.
   *
   * @throws IllegalArgumentException if {@code name} is not one path segment
   */
  @Override
  public void create(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    kv.create(name, value);
  }

  /**
   * {@inheritDoc}
   *
   * <p>On K/V v2 this reads version 1, as KES does. Values that are Transit ciphertexts are
   * decrypted.
   *
   * @throws IllegalArgumentException if {@code name} is not one path segment
   */
  @Override
  public byte[] get(String name) {
    Objects.requireNonNull(name, "name");
    return kv.get(name);
  }

  /**
   * {@inheritDoc}
   *
   * <p>On K/V v2 this deletes the metadata and so every version. A missing entry is no error.
   *
   * @throws IllegalArgumentException if {@code name} is not one path segment
   */
  @Override
  public void delete(String name) {
    Objects.requireNonNull(name, "name");
    kv.delete(name);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Vault lists all names under the prefix in one answer; sub-folders are left out. An empty or
   * missing folder lists as empty.
   */
  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(continueAt, "continueAt");
    return kv.list(prefix, continueAt, limit);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Asks {@code sys/health} (without token or namespace) and returns the time it took.
   *
   * @throws KeyStoreUnreachableException if Vault cannot be reached, is not initialized or sealed
   */
  @Override
  public Duration status() {
    return health.probe();
  }

  /** {@code Hashicorp Vault: <endpoint>}, as KES's banner says. */
  @Override
  public String description() {
    return "Hashicorp Vault: " + settings.endpoint();
  }

  /**
   * Stops token renewal and health polling, and releases connections. Idempotent; later operations
   * throw {@link IllegalStateException}.
   */
  @Override
  public void close() {
    client.close();
    session.close();
    health.close();
    scheduler.close();
    httpClient.dispatcher().executorService().shutdown();
    httpClient.connectionPool().evictAll();
  }

  /** The settings without any credential. */
  @Override
  public String toString() {
    return "VaultKeyStore" + settings.describe();
  }

  /**
   * Collects the settings of a {@link VaultKeyStore}; {@link #build()} checks them, logs in and
   * returns the store. Defaults follow KES ({@code docs/keystores/vault.md}): engine {@code kv},
   * version v1, no prefix, no namespace, Transit engine {@code transit}, status ping 15 s.
   *
   * <p>Thread-safety: not safe for concurrent use; the built store is independent of the builder.
   *
   * <p>Security: {@link #toString()} never shows a credential.
   */
  public static final class Builder {

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

    Builder() {}

    /**
     * Vault's address, such as {@code https://127.0.0.1:8200}.
     *
     * @throws IllegalArgumentException if it is not an http or https URL, or holds user info
     */
    public Builder endpoint(String endpoint) {
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
    public Builder engine(String engine) {
      Objects.requireNonNull(engine, "engine");
      this.engine = engine.isEmpty() ? "kv" : engine;
      return this;
    }

    /** The K/V engine's API version (default v1). */
    public Builder version(KvVersion version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** The path inside the engine under which entries live (default none; may hold slashes). */
    public Builder prefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** The Vault Enterprise namespace sent as {@code X-Vault-Namespace} (default none). */
    public Builder namespace(String namespace) {
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      return this;
    }

    /**
     * Stores values encrypted with the Transit key {@code key} mounted at {@code engine} (empty
     * means {@code transit}).
     *
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public Builder transit(String engine, String key) {
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
    public Builder login(VaultLogin login) {
      this.login = Objects.requireNonNull(login, "login");
      return this;
    }

    /** Presents the client certificate (chain) and private key in these PEM files to Vault. */
    public Builder clientCertificate(Path certificate, Path privateKey) {
      this.tlsCert = Objects.requireNonNull(certificate, "certificate");
      this.tlsKey = Objects.requireNonNull(privateKey, "privateKey");
      return this;
    }

    /**
     * Trusts only the CA certificates in this PEM file, or in the files of this directory, instead
     * of the system roots.
     */
    public Builder caCertificates(Path fileOrDirectory) {
      this.tlsCa = Objects.requireNonNull(fileOrDirectory, "fileOrDirectory");
      return this;
    }

    /**
     * How often the background probe checks whether Vault is sealed (default 15 s; zero turns the
     * probe off).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder statusPing(Duration ping) {
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
    public Builder timeout(Duration timeout) {
      this.timeout = Checks.positive(timeout);
      return this;
    }

    /** The clock that token lifetimes are measured with (default the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Runs background work on {@code scheduler} instead of a thread of the store's own (tests). */
    Builder scheduler(Scheduler scheduler) {
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
      Redactor redactor = VaultHttp.redactor();
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

    Builder copy() {
      Builder b = new Builder();
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
      return "VaultKeyStore.Builder" + describe();
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
}
