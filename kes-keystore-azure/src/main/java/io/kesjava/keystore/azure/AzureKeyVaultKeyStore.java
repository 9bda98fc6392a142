package io.kesjava.keystore.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.Context;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreStatusException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.common.Checks;
import io.kesjava.keystore.common.Redactor;
import io.kesjava.keystore.common.SdkStoreBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * A {@link KeyStore} that keeps each key as one secret in Azure Key Vault, as KES does ({@code
 * docs/keystores/azure.md}): the secret's name is the key's name, its value the stored text, and a
 * key is read from the secret's <em>oldest</em> version. KES and kes-java can share one vault.
 *
 * <p>Create checks that no secret of that name exists, then sets it (Key Vault has no
 * create-if-absent). Concurrent creates in one process are serialized per name; after setting, the
 * store checks that no older version exists, so that a race with another server within the same
 * vault is detected unless both writes fall in the same second (Key Vault's time resolution).
 *
 * <p>Delete soft-deletes, so that the vault's recovery window keeps working; creating a key whose
 * name is soft-deleted then fails with a message that says to restore or purge it. With {@code
 * purgeOnDelete} the store purges as KES does: on delete, and before a create over a soft-deleted
 * name.
 *
 * <p>Key Vault names allow only letters, digits and {@code -}, and ignore case: {@code my_key}
 * cannot be created, and {@code My-Key} is the same secret as {@code my-key}.
 *
 * <p>Thread-safety: safe for concurrent use. Nullness: no argument or result is {@code null}.
 *
 * <p>Security: credentials never appear in {@link #toString()}, {@link #description()} or an
 * exception message.
 */
public final class AzureKeyVaultKeyStore implements KeyStore {

  private static final Pattern NAME = Pattern.compile("[0-9A-Za-z-]{1,127}");

  private final SecretClient client;
  private final HttpClient httpClient;
  private final String endpoint;
  private final boolean purgeOnDelete;
  private final String credentialKind;
  private final AzureErrors errors;
  private final SoftDelete softDelete;
  private final ReentrantLock[] locks = new ReentrantLock[64];

  AzureKeyVaultKeyStore(
      SecretClient client,
      HttpClient httpClient,
      Builder settings,
      Redactor redactor) {
    this.client = client;
    this.httpClient = httpClient;
    this.endpoint = settings.vaultUrl();
    this.purgeOnDelete = settings.purgeOnDelete();
    this.credentialKind = settings.credentialKind();
    this.errors = new AzureErrors(redactor);
    this.softDelete = new SoftDelete(client, errors, settings.backoffBase(), settings.backoffMax());
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** A builder with no endpoint yet, the default credential chain and soft delete. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks that no secret {@code name} exists, sets it, and checks that this version is the
   * oldest.
   *
   * @throws EntryExistsException if a secret of that name exists, or another create won a race
   * @throws KeyStoreStatusException with status 409 if the name is soft-deleted (restore or purge
   *     it, or enable {@code purgeOnDelete}), or 400 if Key Vault does not allow the name
   * @throws KeyStoreUnreachableException if Key Vault cannot be reached
   * @throws KeyStoreException on any other failure
   */
  @Override
  public void create(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (!NAME.matcher(name).matches()) {
      throw new KeyStoreStatusException(
          400,
          "azure: key name '"
              + name
              + "' is not allowed by Azure Key Vault: use 1 to 127 letters, digits and '-'");
    }
    KeyVaultSecret secret = SecretValues.encode(name, value);
    ReentrantLock lock = locks[Math.floorMod(name.toLowerCase(Locale.ROOT).hashCode(), locks.length)];
    lock.lock();
    try {
      requireAbsent(name);
      KeyVaultSecret written = set(name, secret);
      try {
        new RaceCheck(client).requireFirst(name, written);
      } catch (RuntimeException e) {
        throw errors.map("azure: failed to create '" + name + "': cannot check the new version", e);
      }
    } finally {
      lock.unlock();
    }
  }

  private void requireAbsent(String name) {
    try {
      client.getSecret(name);
    } catch (ResourceNotFoundException e) {
      return;
    } catch (HttpResponseException e) {
      AzureError error = AzureError.of(e);
      if (error.is(AzureError.SECRET_DISABLED)) {
        throw new EntryExistsException(
            "azure: key '" + name + "' already exists (its latest version is disabled)");
      }
      if (error.is(AzureError.FORBIDDEN_BY_POLICY)) {
        throw new KeyStoreException(
            "azure: failed to create '"
                + name
                + "': insufficient permissions to check whether '"
                + name
                + "' already exists: "
                + errors.describe(e));
      }
      throw errors.map("azure: failed to create '" + name + "'", e);
    } catch (RuntimeException e) {
      throw errors.map("azure: failed to create '" + name + "'", e);
    }
    throw new EntryExistsException("azure: key '" + name + "' already exists");
  }

  private KeyVaultSecret set(String name, KeyVaultSecret secret) {
    String what = "azure: failed to create '" + name + "'";
    try {
      return client.setSecret(secret);
    } catch (HttpResponseException e) {
      AzureError error = AzureError.of(e);
      boolean deleted =
          error.is(AzureError.DELETED_BUT_RECOVERABLE) || error.is(AzureError.BEING_DELETED);
      if (!deleted) {
        throw errors.map(what, e);
      }
      if (!purgeOnDelete) {
        throw new KeyStoreStatusException(
            409,
            "azure: key '"
                + name
                + "' already exists but is currently marked as deleted. Either restore or purge '"
                + name
                + "'");
      }
      softDelete.purge(name, what);
      return softDelete.setWhileBeingDeleted(secret, what);
    } catch (RuntimeException e) {
      throw errors.map(what, e);
    }
  }

  /**
   * Reads the oldest version of secret {@code name}, as KES does.
   *
   * @throws EntryNotFoundException if there is no such secret, it has no version, it is
   *     soft-deleted, or Key Vault does not allow the name
   * @throws KeyStoreUnreachableException if Key Vault cannot be reached
   * @throws KeyStoreException on any other failure, such as a disabled oldest version
   */
  @Override
  public byte[] get(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new EntryNotFoundException("azure: key '" + name + "' does not exist");
    }
    String what = "azure: failed to read '" + name + "'";
    try {
      SecretProperties oldest = null;
      for (SecretProperties version : client.listPropertiesOfSecretVersions(name)) {
        if (oldest == null || version.getCreatedOn().isBefore(oldest.getCreatedOn())) {
          oldest = version;
        }
      }
      if (oldest == null) {
        throw new EntryNotFoundException("azure: key '" + name + "' does not exist");
      }
      return SecretValues.decode(client.getSecret(name, oldest.getVersion()));
    } catch (ResourceNotFoundException e) {
      throw new EntryNotFoundException("azure: key '" + name + "' does not exist");
    } catch (KeyStoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw errors.map(what, e);
    }
  }

  /**
   * Soft-deletes secret {@code name}; with {@code purgeOnDelete} also purges it, retrying while
   * Key Vault is still deleting.
   *
   * @throws EntryNotFoundException if there is no such secret, or Key Vault does not allow the name
   * @throws KeyStoreUnreachableException if Key Vault cannot be reached
   * @throws KeyStoreException on any other failure
   */
  @Override
  public void delete(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new EntryNotFoundException("azure: key '" + name + "' does not exist");
    }
    String what = "azure: failed to delete '" + name + "'";
    try {
      // Starts the deletion (DELETE /secrets/<name>); the poller is not waited for.
      client.beginDeleteSecret(name);
    } catch (ResourceNotFoundException e) {
      throw new EntryNotFoundException("azure: key '" + name + "' does not exist");
    } catch (RuntimeException e) {
      throw errors.map(what, e);
    }
    if (purgeOnDelete) {
      String purge = what + ": failed to purge deleted secret";
      softDelete.awaitDeleted(name, purge);
      softDelete.purge(name, purge);
    }
  }

  /**
   * Walks every page of the vault's secrets and applies prefix, cursor and limit ({@code
   * docs/keystores/README.md#the-contract-every-store-keeps}). Lists every secret in the vault,
   * including disabled ones.
   *
   * @throws KeyStoreUnreachableException if Key Vault cannot be reached
   * @throws KeyStoreException on any other failure
   */
  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    return KeyListing.collect(prefix, continueAt, limit, names -> {
      try {
        for (SecretProperties secret : client.listPropertiesOfSecrets()) {
          names.accept(secret.getName());
        }
      } catch (RuntimeException e) {
        throw errors.map("azure: failed to list keys", e);
      }
    });
  }

  /**
   * A plain, unauthenticated {@code GET} of the vault URL, as KES does: any HTTP answer means
   * reachable.
   *
   * @throws KeyStoreUnreachableException if no HTTP answer arrives
   */
  @Override
  public Duration status() {
    long start = System.nanoTime();
    try (HttpResponse response =
        httpClient.sendSync(new HttpRequest(HttpMethod.GET, endpoint), Context.NONE)) {
      response.getStatusCode();
    } catch (RuntimeException e) {
      throw new KeyStoreUnreachableException(
          "azure: key store is not reachable: " + endpoint + ": " + e.getMessage(), e);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** {@code Azure KeyVault: <endpoint>}, as KES prints it. */
  @Override
  public String description() {
    return "Azure KeyVault: " + endpoint;
  }

  /** Nothing to release: the SDK's HTTP client holds no threads of its own here. */
  @Override
  public void close() {}

  /** Endpoint, delete mode and the kind of credentials; never a credential. */
  @Override
  public String toString() {
    return "AzureKeyVaultKeyStore[endpoint="
        + endpoint
        + ", delete="
        + (purgeOnDelete ? "purge" : "soft")
        + ", credentials="
        + credentialKind
        + "]";
  }

  /**
   * Builds an {@link AzureKeyVaultKeyStore}; get one from {@link AzureKeyVaultKeyStore#builder()}.
   * The settings are those of {@code keystore.azure.keyvault} ({@code
   * docs/keystores/azure.md#configuration}), plus {@code purge_on_delete}.
   *
   * <p>{@link #endpoint}: the vault URL, such as {@code https://my-vault.vault.azure.net};
   * required. Credentials: client credentials (tenant, client id, secret), a user-assigned managed
   * identity, or (the default) Azure's default credential chain: environment variables, workload
   * identity, managed identity, Azure CLI and the other developer tools.
   *
   * <p>{@link #backoff}: the exponential backoff between retries, from {@code base} up to {@code
   * max}; 200 ms and 800 ms by default, as KES. A {@code Retry-After} from Key Vault takes
   * precedence. {@link #timeout}: connect and response timeout of the default HTTP client; 30 s by
   * default.
   *
   * <p>Thread-safety: not thread-safe; use one builder from one thread. Nullness: no argument may
   * be {@code null}.
   *
   * <p>Security: {@link #toString()} says which kind of credentials is set, never the client
   * secret.
   */
  public static final class Builder extends SdkStoreBuilder<Builder> {

    private String tenantId = "";
    private String clientId = "";
    private String clientSecret = "";
    private String managedIdentityClientId = "";
    private TokenCredential credential;
    private boolean purgeOnDelete;
    private HttpClient httpClient;
    private int maxRetries = 7;

    Builder() {
      super("", Duration.ofMillis(200), Duration.ofMillis(800), Duration.ofSeconds(30));
    }

    /** Client credentials of an app registration (service principal). Replaces earlier choices. */
    public Builder clientSecretCredentials(
        String tenantId, String clientId, String clientSecret) {
      defaultCredentials();
      this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
      return this;
    }

    /** A user-assigned managed identity, by its client id. Replaces earlier choices. */
    public Builder managedIdentity(String clientId) {
      defaultCredentials();
      this.managedIdentityClientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    /** Azure's default credential chain (the default). Replaces earlier choices. */
    public Builder defaultCredentials() {
      this.tenantId = "";
      this.clientId = "";
      this.clientSecret = "";
      this.managedIdentityClientId = "";
      this.credential = null;
      return this;
    }

    /** An application's own credential. Replaces earlier choices. */
    public Builder credential(TokenCredential credential) {
      defaultCredentials();
      this.credential = Objects.requireNonNull(credential, "credential");
      return this;
    }

    /**
     * Whether deleting a key also purges its secret, as KES does; {@code false} by default, so that
     * Key Vault's recovery window keeps working. When on, creating a key over a soft-deleted name
     * purges it first, as KES does.
     */
    public Builder purgeOnDelete(boolean purgeOnDelete) {
      this.purgeOnDelete = purgeOnDelete;
      return this;
    }

    /**
     * The HTTP client for Key Vault and the status probe, for proxies or custom TLS; by default the
     * JDK's {@code java.net.http} client. Token requests use the credential's own client.
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * How often a failed request is retried (throttling, 5xx, transport); 7 by default, as KES.
     * Token requests of the built-in credentials use the same retry settings.
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = Checks.atLeast(0, maxRetries, "maxRetries");
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
      String url = vaultUrl();
      HttpClient http =
          httpClient != null
              ? httpClient
              : new JdkHttpClientBuilder()
                  .connectionTimeout(timeout())
                  .responseTimeout(timeout())
                  .build();
      RetryOptions retry =
          new RetryOptions(
              new ExponentialBackoffOptions()
                  .setMaxRetries(maxRetries)
                  .setBaseDelay(baseDelay())
                  .setMaxDelay(maxDelay()));
      SecretClient client =
          new SecretClientBuilder()
              .vaultUrl(url)
              .credential(tokenCredential(http, retry))
              .httpClient(http)
              .retryOptions(retry)
              .buildClient();
      // In case a message of Azure or its identity library ever quotes the client secret.
      Redactor redactor = Redactor.builder().minLength(4).secret(clientSecret).build();
      return new AzureKeyVaultKeyStore(client, http, this, redactor);
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

    /** The endpoint, validated, without a trailing slash. */
    String vaultUrl() {
      String endpoint = endpointSetting();
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
      return baseDelay();
    }

    Duration backoffMax() {
      return maxDelay();
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

    /** {@code client secret}, {@code managed identity}, {@code provided} or {@code default chain}.
     */
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

    /** The kind of credentials, never the client secret, and the delete mode. */
    @Override
    protected void describe(BiConsumer<String, Object> setting) {
      setting.accept("credentials", credentialKind());
      setting.accept("purgeOnDelete", purgeOnDelete);
    }
  }
}
