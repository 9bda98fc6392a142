package io.kesjava.keystore.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds an {@link AzureKeyVaultKeyStore}; get one from {@link AzureKeyVaultKeyStore#builder()}.
 * The settings are those of {@code keystore.azure.keyvault} ({@code
 * docs/keystores/azure.md#configuration}), plus {@code purge_on_delete}.
 *
 * <p>The endpoint is required. Credentials: client credentials (tenant, client id, secret), a
 * user-assigned managed identity, or (the default) Azure's default credential chain: environment
 * variables, workload identity, managed identity, Azure CLI and the other developer tools.
 *
 * <p>Thread-safety: not thread-safe; use one builder from one thread. Nullness: no argument may be
 * {@code null}.
 *
 * <p>Security: {@link #toString()} says which kind of credentials is set, never the client secret.
 */
public final class AzureKeyVaultKeyStoreBuilder {

  private String endpoint = "";
  private String tenantId = "";
  private String clientId = "";
  private String clientSecret = "";
  private String managedIdentityClientId = "";
  private TokenCredential credential;
  private boolean purgeOnDelete;
  private HttpClient httpClient;
  private int maxRetries = 7;
  private Duration baseDelay = Duration.ofMillis(200);
  private Duration maxDelay = Duration.ofMillis(800);
  private Duration timeout = Duration.ofSeconds(30);

  AzureKeyVaultKeyStoreBuilder() {}

  /** The vault URL, such as {@code https://my-vault.vault.azure.net}. Required. */
  public AzureKeyVaultKeyStoreBuilder endpoint(String endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    return this;
  }

  /** Client credentials of an app registration (service principal). Replaces earlier choices. */
  public AzureKeyVaultKeyStoreBuilder clientSecretCredentials(
      String tenantId, String clientId, String clientSecret) {
    defaultCredentials();
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    return this;
  }

  /** A user-assigned managed identity, by its client id. Replaces earlier choices. */
  public AzureKeyVaultKeyStoreBuilder managedIdentity(String clientId) {
    defaultCredentials();
    this.managedIdentityClientId = Objects.requireNonNull(clientId, "clientId");
    return this;
  }

  /** Azure's default credential chain (the default). Replaces earlier choices. */
  public AzureKeyVaultKeyStoreBuilder defaultCredentials() {
    this.tenantId = "";
    this.clientId = "";
    this.clientSecret = "";
    this.managedIdentityClientId = "";
    this.credential = null;
    return this;
  }

  /** An application's own credential. Replaces earlier choices. */
  public AzureKeyVaultKeyStoreBuilder credential(TokenCredential credential) {
    defaultCredentials();
    this.credential = Objects.requireNonNull(credential, "credential");
    return this;
  }

  /**
   * Whether deleting a key also purges its secret, as KES does; {@code false} by default, so that
   * Key Vault's recovery window keeps working. When on, creating a key over a soft-deleted name
   * purges it first, as KES does.
   */
  public AzureKeyVaultKeyStoreBuilder purgeOnDelete(boolean purgeOnDelete) {
    this.purgeOnDelete = purgeOnDelete;
    return this;
  }

  /**
   * The HTTP client for Key Vault and the status probe, for proxies or custom TLS; by default the
   * JDK's {@code java.net.http} client. Token requests use the credential's own client.
   */
  public AzureKeyVaultKeyStoreBuilder httpClient(HttpClient httpClient) {
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    return this;
  }

  /**
   * How often a failed request is retried (throttling, 5xx, transport); 7 by default, as KES.
   * Token requests of the built-in credentials use the same retry settings.
   */
  public AzureKeyVaultKeyStoreBuilder maxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
    }
    this.maxRetries = maxRetries;
    return this;
  }

  /**
   * The exponential backoff between retries, from {@code base} up to {@code max}; 200 ms and 800
   * ms by default, as KES. A {@code Retry-After} from Key Vault takes precedence.
   */
  public AzureKeyVaultKeyStoreBuilder backoff(Duration base, Duration max) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max");
    }
    this.baseDelay = base;
    this.maxDelay = max;
    return this;
  }

  /** Connect and response timeout of the default HTTP client; 30 s by default. */
  public AzureKeyVaultKeyStoreBuilder timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * Builds the store. Makes no network call: credentials fetch tokens on first use.
   *
   * @throws IllegalStateException if the endpoint is missing
   * @throws IllegalArgumentException if the endpoint is not an {@code https} URL, or client
   *     credentials lack a part
   */
  public AzureKeyVaultKeyStore build() {
    String url = endpoint();
    HttpClient http =
        httpClient != null
            ? httpClient
            : new JdkHttpClientBuilder().connectionTimeout(timeout).responseTimeout(timeout).build();
    RetryOptions retry =
        new RetryOptions(
            new ExponentialBackoffOptions()
                .setMaxRetries(maxRetries)
                .setBaseDelay(baseDelay)
                .setMaxDelay(maxDelay));
    SecretClient client =
        new SecretClientBuilder()
            .vaultUrl(url)
            .credential(tokenCredential(http, retry))
            .httpClient(http)
            .retryOptions(retry)
            .buildClient();
    return new AzureKeyVaultKeyStore(client, http, this, Redactor.of(clientSecret));
  }

  /** The credential; token requests share the HTTP client and the retry settings. */
  private TokenCredential tokenCredential(HttpClient http, RetryOptions retry) {
    if (credential != null) {
      return credential;
    }
    if (!clientSecret.isEmpty() || !tenantId.isEmpty() || !clientId.isEmpty()) {
      if (tenantId.isEmpty() || clientId.isEmpty() || clientSecret.isEmpty()) {
        throw new IllegalArgumentException(
            "client credentials need a tenant id, a client id and a client secret");
      }
      return new ClientSecretCredentialBuilder()
          .tenantId(tenantId)
          .clientId(clientId)
          .clientSecret(clientSecret)
          .httpClient(http)
          .retryOptions(retry)
          .build();
    }
    if (!managedIdentityClientId.isEmpty()) {
      return new ManagedIdentityCredentialBuilder()
          .clientId(managedIdentityClientId)
          .httpClient(http)
          .retryOptions(retry)
          .build();
    }
    return new DefaultAzureCredentialBuilder().httpClient(http).retryOptions(retry).build();
  }

  /** The vault URL, validated, without a trailing slash. */
  String endpoint() {
    if (endpoint.isEmpty()) {
      throw new IllegalStateException("no endpoint specified");
    }
    String url = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    try {
      URI uri = new URI(url);
      if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "the endpoint must be an https URL, such as https://my-vault.vault.azure.net");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the endpoint is not a valid URL: " + e.getReason());
    }
    return url;
  }

  boolean purgeOnDelete() {
    return purgeOnDelete;
  }

  Duration backoffBase() {
    return baseDelay;
  }

  Duration backoffMax() {
    return maxDelay;
  }

  String tenantId() {
    return tenantId;
  }

  String clientId() {
    return clientId;
  }

  String clientSecret() {
    return clientSecret;
  }

  String managedIdentityClientId() {
    return managedIdentityClientId;
  }

  /** {@code client secret}, {@code managed identity}, {@code provided} or {@code default chain}. */
  String credentialKind() {
    if (credential != null) {
      return "provided";
    }
    if (!clientSecret.isEmpty() || !tenantId.isEmpty() || !clientId.isEmpty()) {
      return "client secret (tenant " + tenantId + ", client " + clientId + ")";
    }
    if (!managedIdentityClientId.isEmpty()) {
      return "managed identity (client " + managedIdentityClientId + ")";
    }
    return "default chain";
  }

  /** The settings, without the client secret. */
  @Override
  public String toString() {
    return "AzureKeyVaultKeyStoreBuilder[endpoint="
        + endpoint
        + ", credentials="
        + credentialKind()
        + ", purgeOnDelete="
        + purgeOnDelete
        + "]";
  }
}
