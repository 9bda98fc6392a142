package io.kesjava.client;

import io.kesjava.core.ApiKey;
import io.kesjava.core.DataKey;
import io.kesjava.core.Identity;
import io.kesjava.core.IdentityInfo;
import io.kesjava.core.Kes;
import io.kesjava.core.KesException;
import io.kesjava.core.KeyInfo;
import io.kesjava.core.Listing;
import io.kesjava.core.PolicyInfo;
import io.kesjava.core.PolicyRules;
import io.kesjava.core.SelfInfo;
import io.kesjava.core.StatusInfo;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * {@link Kes} over HTTPS: a client of any KES-compatible server (this project's {@code
 * kes-server-jdk} or MinIO's KES). Every operation sends exactly the request of {@code
 * docs/http-api.md} and maps the answer back to the values and exceptions that {@link
 * io.kesjava.core.KesEngine} returns and throws, so that code written against {@link Kes} runs
 * unchanged in-process or remote.
 *
 * <pre>{@code
 * try (KesClient kes = KesClient.builder()
 *     .endpoint("https://kes.example.net:7373")
 *     .apiKey(System.getenv("KES_API_KEY"))
 *     .build()) {
 *   DataKey dek = kes.generateKey("my-key", context);
 * }
 * }</pre>
 *
 * <p>Failures ({@code docs/http-api.md#clients-retries-and-several-endpoints}): requests spread
 * over the endpoints in turn; an endpoint that cannot be reached is skipped for a while; a 503 or a
 * transport failure is retried with a random backoff within the call timeout. Operations without
 * side effects are re-sent after any transport failure; {@link #createKey}, {@link #importKey} and
 * {@link #deleteKey} only when the request surely did not reach the server. When no answer arrives,
 * a {@link KesTransportException} is thrown; every answer with an error status becomes the {@link
 * KesException} of {@link KesException#of(int, String)}.
 *
 * <p>Thread-safety: safe for concurrent use; share one client. Nullness: no argument is null.
 *
 * <p>Security: request and response bodies (plaintexts, data keys) are never logged nor put in
 * exception messages; byte arrays this client creates for them are zeroed after use (best effort:
 * the JSON text of a response passes through strings).
 */
public final class KesClient implements Kes, AutoCloseable {

  private final Builder settings;
  private final Transport transport;
  private final Identity identity;

  KesClient(Builder settings, Transport transport, Identity identity) {
    this.settings = settings;
    this.transport = transport;
    this.identity = identity;
  }

  /** Returns a builder; endpoints and a credential are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder with this client's settings, to derive a variant. */
  public Builder toBuilder() {
    return settings.derive(settings.resolved);
  }

  /** The identity the server sees for this client: that of its certificate or API key. */
  public Identity identity() {
    return identity;
  }

  /** The endpoints, as normalized URLs without a trailing slash. */
  public List<String> endpoints() {
    return transport.endpoints().all().stream().map(Endpoints::text).toList();
  }

  // ---- keys ----

  @Override
  public void createKey(String name) {
    send(post("v1/key/create", name, new byte[0], null, false));
  }

  @Override
  public void importKey(String name, KeyAlgorithm algorithm, byte[] key) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(key, "key");
    byte[] keyMember = Json.bytesBody(new String[] {"key"}, new byte[][] {key});
    byte[] cipher = (",\"cipher\":\"" + algorithm.apiName() + "\"}")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] body = Arrays.copyOf(keyMember, keyMember.length - 1 + cipher.length);
    System.arraycopy(cipher, 0, body, keyMember.length - 1, cipher.length);
    Arrays.fill(keyMember, (byte) 0);
    try {
      send(post("v1/key/import", name, body, Req.JSON, false));
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  @Override
  public KeyInfo describeKey(String name) {
    return Responses.keyInfo(send(get("v1/key/describe", name)), name);
  }

  @Override
  public void deleteKey(String name) {
    Req.checkSegment(name, Req.Kind.KEY);
    send(new Req("DELETE", base -> Endpoints.route(base, "v1/key/delete", name), null, null,
        false, Req.MIB));
  }

  @Override
  public Listing listKeys(String pattern) {
    return Paging.complete(pattern, p ->
        Responses.listing(send(get("v1/key/list", p, Req.Kind.PATTERN)), "names", "name"));
  }

  @Override
  public DataKey generateKey(String name, byte[] context) {
    Objects.requireNonNull(context, "context");
    byte[] body = Json.bytesBody(new String[] {"context"}, new byte[][] {nullIfEmpty(context)});
    byte[] plaintext = null;
    Reply reply;
    try {
      reply = send(post("v1/key/generate", name, body, Req.JSON, true));
    } finally {
      zero(body);
    }
    try {
      var n = Json.object(reply.body(), "data key");
      plaintext = Json.bytes(n, "plaintext");
      return new DataKey(SecretBytes.copyOf(plaintext), Json.bytes(n, "ciphertext"));
    } finally {
      zero(plaintext);
      zero(reply.body());
    }
  }

  @Override
  public byte[] encrypt(String name, byte[] plaintext, byte[] context) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(context, "context");
    byte[] body = Json.bytesBody(new String[] {"plaintext", "context"},
        new byte[][] {plaintext, nullIfEmpty(context)});
    try {
      return Json.bytes(Json.object(send(post("v1/key/encrypt", name, body, Req.JSON, true))
          .body(), "ciphertext"), "ciphertext");
    } finally {
      zero(body);
    }
  }

  @Override
  public SecretBytes decrypt(String name, byte[] ciphertext, byte[] context) {
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(context, "context");
    byte[] body = Json.bytesBody(new String[] {"ciphertext", "context"},
        new byte[][] {ciphertext, nullIfEmpty(context)});
    Reply reply = send(post("v1/key/decrypt", name, body, Req.JSON, true));
    try {
      return SecretBytes.wrap(Json.bytes(Json.object(reply.body(), "plaintext"), "plaintext"));
    } finally {
      zero(reply.body());
    }
  }

  @Override
  public byte[] hmac(String name, byte[] message) {
    Objects.requireNonNull(message, "message");
    byte[] body = Json.bytesBody(new String[] {"message"}, new byte[][] {message});
    Req.checkSegment(name, Req.Kind.KEY);
    // kms-go sends PUT without a Content-Type, and reads at most 1000 bytes
    // (docs/http-api.md#clients-retries-and-several-endpoints).
    Req req = new Req("PUT", base -> Endpoints.route(base, "v1/key/hmac", name), body, null, true,
        1000);
    try {
      return Json.bytes(Json.object(send(req).body(), "HMAC"), "hmac");
    } finally {
      zero(body);
    }
  }

  // ---- status, policies, identities ----

  @Override
  public StatusInfo status() {
    return Responses.status(send(Req.get("/v1/status", Req.MIB)));
  }

  @Override
  public PolicyInfo describePolicy(String name) {
    return Responses.policyInfo(send(get("v1/policy/describe", name, Req.Kind.POLICY)), name);
  }

  @Override
  public PolicyRules readPolicy(String name) {
    return Responses.policyRules(send(get("v1/policy/read", name, Req.Kind.POLICY)), name);
  }

  @Override
  public Listing listPolicies(String pattern) {
    return Paging.complete(pattern, p ->
        Responses.listing(send(get("v1/policy/list", p, Req.Kind.PATTERN)), "names", "name"));
  }

  @Override
  public IdentityInfo describeIdentity(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    Reply r = send(get("v1/identity/describe", identity.value(), Req.Kind.IDENTITY));
    return Responses.identityInfo(r, identity);
  }

  @Override
  public SelfInfo describeSelf() {
    return Responses.selfInfo(send(Req.get("/v1/identity/self/describe", Req.MIB)));
  }

  @Override
  public Listing listIdentities(String pattern) {
    return Paging.complete(pattern, p -> Responses.listing(
        send(get("v1/identity/list", p, Req.Kind.PATTERN)), "identities", "identity"));
  }

  // ---- client-only calls ----

  /** The server's version ({@code /version}, which needs no policy). */
  public ServerVersion version() {
    return Responses.version(send(Req.get("/version", 1024)));
  }

  /**
   * Whether the server is ready: its key store answers ({@code /v1/ready}).
   *
   * @return {@code true} for 200, {@code false} when the server answers with a 5xx status
   * @throws KesException for a 4xx status, such as {@link io.kesjava.core.NotAllowedException}
   * @throws KesTransportException if no server answers
   */
  public boolean isReady() {
    try {
      send(Req.get("/v1/ready", Req.MIB));
      return true;
    } catch (KesException e) {
      if (e.status() >= 500) {
        return false;
      }
      throw e;
    }
  }

  /** The routes the server offers ({@code /v1/api}). */
  public List<ApiRoute> apis() {
    return Responses.apis(send(Req.get("/v1/api", Req.MIB)));
  }

  /**
   * A snapshot of the server's metrics ({@code /v1/metrics}).
   *
   * @throws KesTransportException if the server's exposition cannot be read
   */
  public ServerMetrics metrics() {
    Reply r = send(Req.get("/v1/metrics", Req.MIB));
    try {
      return ServerMetrics.parse(new String(r.body(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw Json.malformed("metrics exposition: " + e.getMessage(), e);
    }
  }

  /**
   * Subscribes to the audit log ({@code /v1/log/audit}): the stream yields one event for each
   * request the server answers from now on. Close it to unsubscribe.
   */
  public LogStream<AuditEvent> auditLog() {
    Transport.Opened o = transport.open(Req.get("/v1/log/audit", Req.MIB));
    return new LogStream<>(o.call(), o.response(), AuditEvent::parse);
  }

  /**
   * Subscribes to the error log ({@code /v1/log/error}): the stream yields the server's error
   * records from now on. Close it to unsubscribe.
   */
  public LogStream<ErrorEvent> errorLog() {
    Transport.Opened o = transport.open(Req.get("/v1/log/error", Req.MIB));
    return new LogStream<>(o.call(), o.response(), ErrorEvent::parse);
  }

  /**
   * Releases the client's connections and threads. Open log streams are not closed. Calls made
   * afterwards may fail.
   */
  @Override
  public void close() {
    transport.http().dispatcher().executorService().shutdown();
    transport.http().connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "KesClient[endpoints=" + endpoints() + ", identity=" + identity + "]";
  }

  // ---- helpers ----

  private Reply send(Req req) {
    return transport.send(req);
  }

  private static Req get(String route, String name) {
    return get(route, name, Req.Kind.KEY);
  }

  private static Req get(String route, String name, Req.Kind kind) {
    Req.checkSegment(name, kind);
    return Req.get(route, name);
  }

  private static Req post(String route, String name, byte[] body,
      okhttp3.MediaType type, boolean replaySafe) {
    Req.checkSegment(name, Req.Kind.KEY);
    return new Req("POST", base -> Endpoints.route(base, route, name), body, type, replaySafe,
        Req.MIB);
  }

  private static byte[] nullIfEmpty(byte[] b) {
    return b.length == 0 ? null : b;
  }

  private static void zero(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }

  /**
   * Builds a {@link KesClient}. Set the endpoints, exactly one credential (a client certificate
   * and key from PEM files or a {@link java.security.KeyStore}, or an API key) and, unless the
   * server's certificate chains to the system's roots, the server's CA. {@link #build()} checks
   * everything and reads the files.
   *
   * <p>Thread-safety: not thread-safe. Security: {@link #toString()} shows no secrets; passwords
   * are copied. A built client keeps its private key but no password and no API key text.
   */
  public static final class Builder {
    final List<String> endpoints = new ArrayList<>();
    Path certFile;
    Path keyFile;
    char[] keyPassword;
    java.security.KeyStore keyStore;
    char[] keyStorePassword;
    String keyStoreAlias;
    ApiKey apiKey;
    /** The credential of the client this builder was derived from. */
    io.kesjava.core.tls.CertifiedKey resolved;
    final List<X509Certificate> trusted = new ArrayList<>();
    final List<Path> trustedFiles = new ArrayList<>();
    boolean systemTrust = true;
    boolean insecure;
    Duration timeout = Duration.ofSeconds(30);
    Duration connectTimeout = Duration.ofSeconds(10);
    int maxRetries = 2;
    Duration minBackoff = Duration.ofMillis(200);
    Duration maxBackoff = Duration.ofSeconds(1);
    Duration quarantine = Duration.ofSeconds(5);
    Transport.Sleeper sleeper = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    Builder() {}

    /**
     * Adds server endpoints such as {@code https://kes.example.net:7373} or {@code
     * 10.0.0.1:7373} ({@code https://} is assumed); requests spread over all of them.
     */
    public Builder endpoint(String... endpoints) {
      for (String e : endpoints) {
        this.endpoints.add(Objects.requireNonNull(e, "endpoint"));
      }
      return this;
    }

    /**
     * Authenticates with a client certificate (a PEM file of certificates, leaf first) and its
     * private key (a PEM file; PKCS#8, PKCS#1 or SEC 1).
     */
    public Builder clientCertificate(Path certFile, Path keyFile) {
      return clientCertificate(certFile, keyFile, null);
    }

    /** As {@link #clientCertificate(Path, Path)}, for an encrypted private key. */
    public Builder clientCertificate(Path certFile, Path keyFile, char[] password) {
      this.certFile = Objects.requireNonNull(certFile, "certFile");
      this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
      this.keyPassword = password == null ? null : password.clone();
      this.resolved = null;
      return this;
    }

    /**
     * Authenticates with the key entry of a Java key store: the only one, or the one named by
     * {@code alias} (may be {@code null}).
     */
    public Builder clientKeyStore(java.security.KeyStore keyStore, char[] password, String alias) {
      this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
      this.keyStorePassword = Objects.requireNonNull(password, "password").clone();
      this.keyStoreAlias = alias;
      this.resolved = null;
      return this;
    }

    /**
     * Authenticates with an API key ({@code kes:v1:...}): the client presents a self-signed Ed25519
     * certificate for it ({@code docs/formats.md#api-keys}), valid for 90 days from {@link
     * #build()}.
     *
     * @throws IllegalArgumentException if it is not an API key; the message never repeats it
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = ApiKey.parse(Objects.requireNonNull(apiKey, "apiKey"));
      this.resolved = null;
      return this;
    }

    /** Authenticates with an API key. The client does not close it. */
    public Builder apiKey(ApiKey apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      this.resolved = null;
      return this;
    }

    /** Trusts the server certificates that chain to these CA (or self-signed) certificates. */
    public Builder trustedCertificates(Collection<X509Certificate> certificates) {
      certificates.forEach(c -> trusted.add(Objects.requireNonNull(c, "certificate")));
      return this;
    }

    /** Trusts the CA certificates of a PEM file, or of every file in a directory. */
    public Builder trustedCertificates(Path fileOrDirectory) {
      trustedFiles.add(Objects.requireNonNull(fileOrDirectory, "fileOrDirectory"));
      return this;
    }

    /** Whether the JDK's default trust anchors are trusted too; default {@code true}. */
    public Builder systemTrustStore(boolean enabled) {
      this.systemTrust = enabled;
      return this;
    }

    /**
     * Accepts every server certificate and host name, as the {@code kes} command's {@code
     * -k/--insecure}. Anyone on the network path can then read and change the traffic, including
     * the keys: for development only.
     */
    public Builder insecureSkipVerify() {
      this.insecure = true;
      return this;
    }

    /** The longest one operation may take, retries included; default 30 seconds. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** The longest a connection attempt to one endpoint may take; default 10 seconds. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * How often a failed operation is tried again over all endpoints, and the random backoff
     * between the rounds; default 2 retries, 200 ms to 1 s, as kms-go.
     */
    public Builder retries(int maxRetries, Duration minBackoff, Duration maxBackoff) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative");
      }
      Objects.requireNonNull(minBackoff, "minBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
      if (minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
        throw new IllegalArgumentException("need 0 <= minBackoff <= maxBackoff");
      }
      this.maxRetries = maxRetries;
      this.minBackoff = minBackoff;
      this.maxBackoff = maxBackoff;
      return this;
    }

    /** How long an endpoint that could not be reached is tried last; default 5 seconds. */
    public Builder unreachableFor(Duration quarantine) {
      Objects.requireNonNull(quarantine, "quarantine");
      if (quarantine.isNegative()) {
        throw new IllegalArgumentException("quarantine must not be negative");
      }
      this.quarantine = quarantine;
      return this;
    }

    /** Replaces the sleep between retry rounds (tests). */
    Builder sleeper(Transport.Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Reads the credential and CA files and builds the client.
     *
     * @throws IllegalStateException if no endpoint or not exactly one credential is set, or the
     *     insecure mode is combined with trusted certificates
     * @throws IllegalArgumentException if an endpoint is not an HTTPS URL, or a file cannot be
     *     used (the message names the file, never key material)
     * @throws java.io.UncheckedIOException if a file cannot be read
     */
    public KesClient build() {
      return ClientFactory.build(this);
    }

    /** A builder with these settings and, instead of the credential's sources, the credential. */
    Builder derive(io.kesjava.core.tls.CertifiedKey credential) {
      Builder b = new Builder();
      b.endpoints.addAll(endpoints);
      b.resolved = credential;
      b.trusted.addAll(trusted);
      b.trustedFiles.addAll(trustedFiles);
      b.systemTrust = systemTrust;
      b.insecure = insecure;
      b.timeout = timeout;
      b.connectTimeout = connectTimeout;
      b.maxRetries = maxRetries;
      b.minBackoff = minBackoff;
      b.maxBackoff = maxBackoff;
      b.quarantine = quarantine;
      b.sleeper = sleeper;
      return b;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }

    @Override
    public String toString() {
      return "KesClient.Builder[endpoints=" + endpoints + (insecure ? ", insecure" : "") + "]";
    }
  }
}
