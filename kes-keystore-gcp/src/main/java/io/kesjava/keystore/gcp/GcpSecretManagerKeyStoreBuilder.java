package io.kesjava.keystore.gcp;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.StatusCode;
import com.google.auth.Credentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import io.kesjava.keystore.KeyStoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link GcpSecretManagerKeyStore}; get one from {@link
 * GcpSecretManagerKeyStore#builder()}. The settings are those of {@code keystore.gcp.secretmanager}
 * ({@code docs/keystores/gcp.md#configuration}).
 *
 * <p>The project id is required. Without a service account the application-default credentials
 * are used ({@code GOOGLE_APPLICATION_CREDENTIALS}, the gcloud ADC file, the metadata server).
 *
 * <p>Thread-safety: not thread-safe; use one builder from one thread. Nullness: no argument may be
 * {@code null}.
 *
 * <p>Security: {@link #toString()} says which kind of credentials is set, never the private key.
 */
public final class GcpSecretManagerKeyStoreBuilder {

  /** The scope Secret Manager needs, and Google's default. */
  public static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

  private String projectId = "";
  private String endpoint = SecretManagerServiceSettings.getDefaultEndpoint();
  private List<String> scopes = List.of();
  private String[] serviceAccount;
  private Credentials credentials;
  private boolean plaintext;
  private int maxAttempts = 5;
  private Duration baseDelay = Duration.ofMillis(250);
  private Duration maxDelay = Duration.ofSeconds(10);
  private Duration timeout = Duration.ofSeconds(30);

  GcpSecretManagerKeyStoreBuilder() {}

  /** The project whose secrets hold the keys. Required. */
  public GcpSecretManagerKeyStoreBuilder projectId(String projectId) {
    this.projectId = Objects.requireNonNull(projectId, "projectId");
    return this;
  }

  /**
   * The gRPC endpoint as {@code host:port}; {@code secretmanager.googleapis.com:443} by default. A
   * URL such as {@code https://host} is accepted too (port 443 unless given).
   */
  public GcpSecretManagerKeyStoreBuilder endpoint(String endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    return this;
  }

  /** OAuth scopes for the credentials; empty (the default) for {@link #CLOUD_PLATFORM_SCOPE}. */
  public GcpSecretManagerKeyStoreBuilder scopes(List<String> scopes) {
    this.scopes = List.copyOf(scopes);
    return this;
  }

  /**
   * A service account's key, as the four {@code credentials} settings give it. In {@code
   * privateKey} (a PEM PKCS #8 key) the two characters backslash-n stand for a newline, as in KES.
   * Replaces any earlier choice of credentials.
   */
  public GcpSecretManagerKeyStoreBuilder serviceAccount(
      String clientEmail, String clientId, String privateKeyId, String privateKey) {
    this.serviceAccount =
        new String[] {
          Objects.requireNonNull(clientEmail, "clientEmail"),
          Objects.requireNonNull(clientId, "clientId"),
          Objects.requireNonNull(privateKeyId, "privateKeyId"),
          Objects.requireNonNull(privateKey, "privateKey")
        };
    this.credentials = null;
    return this;
  }

  /** The application-default credentials (the default). Replaces any earlier choice. */
  public GcpSecretManagerKeyStoreBuilder applicationDefaultCredentials() {
    this.serviceAccount = null;
    this.credentials = null;
    return this;
  }

  /** An application's own credentials, used as given (scopes are not applied). */
  public GcpSecretManagerKeyStoreBuilder credentials(Credentials credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.serviceAccount = null;
    return this;
  }

  /**
   * Talks plaintext gRPC without any credentials: for a local emulator or a test server only. Never
   * use it against Google.
   */
  public GcpSecretManagerKeyStoreBuilder insecurePlaintext() {
    this.plaintext = true;
    return this;
  }

  /** How often one call is tried in all, at least 1; 5 by default. */
  public GcpSecretManagerKeyStoreBuilder maxAttempts(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    return this;
  }

  /** The exponential backoff between attempts, doubling from {@code base} up to {@code max}. */
  public GcpSecretManagerKeyStoreBuilder backoff(Duration base, Duration max) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max");
    }
    this.baseDelay = base;
    this.maxDelay = max;
    return this;
  }

  /** The deadline of one call, retries included; 30 s by default. */
  public GcpSecretManagerKeyStoreBuilder timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * Builds the store. With application-default credentials, looking them up may ask the metadata
   * server; nothing else goes over the network.
   *
   * @throws IllegalStateException if the project id is missing
   * @throws IllegalArgumentException if the service account's private key is not a PEM PKCS #8 key
   * @throws KeyStoreException if the client cannot be set up, such as when there are no
   *     application-default credentials
   */
  public GcpSecretManagerKeyStore build() {
    if (projectId.isEmpty()) {
      throw new IllegalStateException("no project ID specified");
    }
    String target = target();
    InstantiatingGrpcChannelProvider.Builder channel =
        SecretManagerServiceSettings.defaultGrpcTransportProviderBuilder().setEndpoint(target);
    if (plaintext) {
      channel.setChannelConfigurator(b -> b.usePlaintext());
    }
    SecretManagerServiceSettings.Builder settings =
        SecretManagerServiceSettings.newBuilder()
            .setEndpoint(target)
            .setTransportChannelProvider(channel.build())
            .setCredentialsProvider(credentialsProvider());
    RetrySettings retry =
        RetrySettings.newBuilder()
            .setMaxAttempts(maxAttempts)
            .setInitialRetryDelayDuration(baseDelay)
            .setRetryDelayMultiplier(2.0)
            .setMaxRetryDelayDuration(maxDelay)
            .setInitialRpcTimeoutDuration(timeout)
            .setRpcTimeoutMultiplier(1.0)
            .setMaxRpcTimeoutDuration(timeout)
            .setTotalTimeoutDuration(timeout)
            .build();
    Set<StatusCode.Code> quota = Set.of(StatusCode.Code.RESOURCE_EXHAUSTED);
    Set<StatusCode.Code> quotaOrUnavailable =
        Set.of(StatusCode.Code.RESOURCE_EXHAUSTED, StatusCode.Code.UNAVAILABLE);
    // A create or delete that reached the server and is repeated would answer "exists" or "not
    // found" for this very call; only quota refusals, which did nothing, are repeated.
    settings.createSecretSettings().setRetryableCodes(quota).setRetrySettings(retry);
    settings.addSecretVersionSettings().setRetryableCodes(quota).setRetrySettings(retry);
    settings.deleteSecretSettings().setRetryableCodes(quota).setRetrySettings(retry);
    settings.accessSecretVersionSettings().setRetryableCodes(quotaOrUnavailable)
        .setRetrySettings(retry);
    settings.listSecretsSettings().setRetryableCodes(quotaOrUnavailable).setRetrySettings(retry);
    try {
      return new GcpSecretManagerKeyStore(
          SecretManagerServiceClient.create(settings.build()), projectId, target, credentialKind());
    } catch (IOException e) {
      throw new KeyStoreException("gcp: failed to set up the Secret Manager client: " + e, e);
    }
  }

  private CredentialsProvider credentialsProvider() {
    if (plaintext) {
      return NoCredentialsProvider.create();
    }
    if (credentials != null) {
      return FixedCredentialsProvider.create(credentials);
    }
    List<String> effectiveScopes = scopes.isEmpty() ? List.of(CLOUD_PLATFORM_SCOPE) : scopes;
    if (serviceAccount != null) {
      return FixedCredentialsProvider.create(
          serviceAccountCredentials().createScoped(effectiveScopes));
    }
    return SecretManagerServiceSettings.defaultCredentialsProviderBuilder()
        .setScopesToApply(effectiveScopes)
        .build();
  }

  /** The service account as Google's library reads KES's synthesised JSON document. */
  ServiceAccountCredentials serviceAccountCredentials() {
    String json =
        ServiceAccountJson.of(
            projectId, serviceAccount[0], serviceAccount[1], serviceAccount[2], serviceAccount[3]);
    try {
      return ServiceAccountCredentials.fromStream(
          new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      // The parser's message is not passed on: it is not worth the risk of quoting the key.
      throw new IllegalArgumentException(
          "gcp: the service account's private key is not a PEM-encoded PKCS #8 key");
    }
  }

  /** The endpoint as gRPC wants it: {@code host:port}. */
  String target() {
    String text = endpoint.trim();
    int scheme = text.indexOf("://");
    if (scheme >= 0) {
      text = text.substring(scheme + 3);
    }
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("the endpoint is empty");
    }
    boolean hasPort = text.lastIndexOf(':') > text.lastIndexOf(']');
    return hasPort ? text : text + ":443";
  }

  String projectId() {
    return projectId;
  }

  List<String> scopes() {
    return scopes;
  }

  /** {@code plaintext}, {@code provided}, {@code service account <email>} or {@code ADC}. */
  String credentialKind() {
    if (plaintext) {
      return "none (plaintext)";
    }
    if (credentials != null) {
      return "provided";
    }
    if (serviceAccount != null) {
      return "service account " + serviceAccount[0];
    }
    return "application default";
  }

  /** The settings, without the private key. */
  @Override
  public String toString() {
    return "GcpSecretManagerKeyStoreBuilder[project="
        + projectId
        + ", endpoint="
        + endpoint
        + ", scopes="
        + scopes
        + ", credentials="
        + credentialKind()
        + "]";
  }
}
