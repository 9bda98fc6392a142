package io.kesjava.keystore.gcp;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.auth.Credentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.protobuf.ByteString;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.common.Checks;
import io.kesjava.keystore.common.SdkStoreBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.zip.CRC32C;

/**
 * A {@link KeyStore} that keeps each key as one secret in Google Cloud Secret Manager, exactly as
 * KES does ({@code docs/keystores/gcp.md}): secret {@code projects/<project>/secrets/<name>}, whose
 * version 1 holds the stored value as its payload bytes. KES and kes-java can share one project.
 *
 * <p>Create is {@code CreateSecret} (automatic replication; atomic: an existing name is refused)
 * then {@code AddSecretVersion}; should the second call fail, the new secret is deleted again, so
 * the name is not left taken without a value as in KES. Get is {@code AccessSecretVersion} of
 * version 1, delete is {@code DeleteSecret}, list walks {@code ListSecrets} page by page. Payloads
 * carry a CRC32C checksum that Secret Manager verifies on write and this store verifies on read.
 *
 * <p>Retries (exponential backoff): quota errors ({@code RESOURCE_EXHAUSTED}) on every call, and
 * {@code UNAVAILABLE} on the calls that are safe to repeat (access and list).
 *
 * <p>Thread-safety: safe for concurrent use. Nullness: no argument or result is {@code null}.
 *
 * <p>Security: credentials never appear in {@link #toString()}, {@link #description()} or an
 * exception message.
 */
public final class GcpSecretManagerKeyStore implements KeyStore {

  private static final System.Logger LOG = System.getLogger(GcpSecretManagerKeyStore.class.getName());

  private final SecretManagerServiceClient client;
  private final String projectId;
  private final String parent;
  private final String endpoint;
  private final String credentialKind;

  GcpSecretManagerKeyStore(
      SecretManagerServiceClient client, String projectId, String endpoint, String credentialKind) {
    this.client = client;
    this.projectId = projectId;
    this.parent = "projects/" + projectId;
    this.endpoint = endpoint;
    this.credentialKind = credentialKind;
  }

  /** A builder with no project yet, the default endpoint and application-default credentials. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code CreateSecret} then {@code AddSecretVersion} with the value as payload.
   *
   * @throws EntryExistsException if a secret with that name exists
   * @throws KeyStoreUnreachableException if Secret Manager cannot be reached
   * @throws KeyStoreException on any other failure; the name is then free again where possible
   */
  @Override
  public void create(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    ByteString data = ByteString.copyFrom(value);
    Secret secret;
    try {
      secret =
          client.createSecret(
              CreateSecretRequest.newBuilder()
                  .setParent(parent)
                  .setSecretId(name)
                  .setSecret(
                      Secret.newBuilder()
                          .setReplication(
                              Replication.newBuilder()
                                  .setAutomatic(Replication.Automatic.getDefaultInstance())))
                  .build());
    } catch (ApiException e) {
      throw GcpErrors.onCreate(name, e);
    }
    try {
      client.addSecretVersion(
          AddSecretVersionRequest.newBuilder()
              .setParent(secret.getName())
              .setPayload(SecretPayload.newBuilder().setData(data).setDataCrc32C(crc32c(value)))
              .build());
    } catch (ApiException e) {
      rollBack(name, secret.getName());
      throw GcpErrors.other("gcp: failed to create '" + name + "'", e);
    }
  }

  private void rollBack(String name, String secretName) {
    try {
      client.deleteSecret(secretName);
    } catch (ApiException e) {
      LOG.log(
          Level.WARNING,
          "gcp: secret ''{0}'' was created without a value and could not be deleted again; delete"
              + " it before creating key ''{0}'' again: {1}",
          name,
          GcpErrors.code(e));
    }
  }

  /**
   * {@code AccessSecretVersion} of version 1, always, as KES reads it.
   *
   * @throws EntryNotFoundException if there is no such secret or it has no version 1
   * @throws KeyStoreUnreachableException if Secret Manager cannot be reached
   * @throws KeyStoreException on any other failure, such as a disabled or destroyed version 1, or
   *     a payload whose checksum does not match
   */
  @Override
  public byte[] get(String name) {
    Objects.requireNonNull(name, "name");
    AccessSecretVersionResponse response;
    try {
      response = client.accessSecretVersion(parent + "/secrets/" + name + "/versions/1");
    } catch (ApiException e) {
      throw GcpErrors.onGet(name, e);
    }
    SecretPayload payload = response.getPayload();
    byte[] value = payload.getData().toByteArray();
    if (payload.hasDataCrc32C() && payload.getDataCrc32C() != crc32c(value)) {
      throw new KeyStoreException(
          "gcp: failed to read '" + name + "': the payload does not match its CRC32C checksum");
    }
    return value;
  }

  /**
   * {@code DeleteSecret}: the secret and all its versions.
   *
   * @throws EntryNotFoundException if there is no such secret
   * @throws KeyStoreUnreachableException if Secret Manager cannot be reached
   * @throws KeyStoreException on any other failure
   */
  @Override
  public void delete(String name) {
    Objects.requireNonNull(name, "name");
    try {
      client.deleteSecret(parent + "/secrets/" + name);
    } catch (ApiException e) {
      throw GcpErrors.onDelete(name, e);
    }
  }

  /**
   * Walks every page of {@code ListSecrets} and applies prefix, cursor and limit ({@code
   * docs/keystores/README.md#the-contract-every-store-keeps}). Lists every secret of the project,
   * not only KES keys.
   *
   * @throws KeyStoreUnreachableException if Secret Manager cannot be reached
   * @throws KeyStoreException on any other failure
   */
  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    return KeyListing.collect(prefix, continueAt, limit, names -> {
      try {
        for (Secret secret :
            client.listSecrets(ListSecretsRequest.newBuilder().setParent(parent).build())
                .iterateAll()) {
          String full = secret.getName();
          names.accept(full.substring(full.lastIndexOf('/') + 1));
        }
      } catch (ApiException e) {
        throw GcpErrors.onList(e);
      }
    });
  }

  /**
   * Asks for one page of one secret: any answer of Secret Manager, even a refusal, means
   * reachable. (KES sends a plain HTTP {@code GET} to the endpoint instead, which cannot reach a
   * gRPC endpoint given as {@code host:port}.)
   *
   * @throws KeyStoreUnreachableException if Secret Manager (or the token service) cannot be
   *     reached
   */
  @Override
  public Duration status() {
    long start = System.nanoTime();
    try {
      client
          .listSecretsCallable()
          .call(ListSecretsRequest.newBuilder().setParent(parent).setPageSize(1).build());
    } catch (ApiException e) {
      if (GcpErrors.isUnreachable(e)) {
        throw GcpErrors.other("gcp: key store is not reachable", e);
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** {@code GCP SecretManager: Project=<project>}, as KES prints it. */
  @Override
  public String description() {
    return "GCP SecretManager: Project=" + projectId;
  }

  /** Closes the gRPC channels and the client's threads. */
  @Override
  public void close() {
    client.close();
  }

  /** Project, endpoint and the kind of credentials; never a credential. */
  @Override
  public String toString() {
    return "GcpSecretManagerKeyStore[project="
        + projectId
        + ", endpoint="
        + endpoint
        + ", credentials="
        + credentialKind
        + "]";
  }

  static long crc32c(byte[] value) {
    CRC32C crc = new CRC32C();
    crc.update(value);
    return crc.getValue();
  }

  /**
   * Builds a {@link GcpSecretManagerKeyStore}; get one from {@link
   * GcpSecretManagerKeyStore#builder()}. The settings are those of {@code
   * keystore.gcp.secretmanager} ({@code docs/keystores/gcp.md#configuration}).
   *
   * <p>{@link #endpoint}: the gRPC endpoint as {@code host:port}; {@code
   * secretmanager.googleapis.com:443} by default. A URL such as {@code https://host} is accepted
   * too (port 443 unless given). The project id is required. Without a service account the
   * application-default credentials are used ({@code GOOGLE_APPLICATION_CREDENTIALS}, the gcloud
   * ADC file, the metadata server).
   *
   * <p>{@link #backoff}: the exponential backoff between attempts, doubling from {@code base} up to
   * {@code max}. {@link #timeout}: the deadline of one call, retries included; 30 s by default.
   *
   * <p>Thread-safety: not thread-safe; use one builder from one thread. Nullness: no argument may
   * be {@code null}.
   *
   * <p>Security: {@link #toString()} says which kind of credentials is set, never the private key.
   */
  public static final class Builder extends SdkStoreBuilder<Builder> {

    /** The scope Secret Manager needs, and Google's default. */
    public static final String CLOUD_PLATFORM_SCOPE =
        "https://www.googleapis.com/auth/cloud-platform";

    private String projectId = "";
    private List<String> scopes = List.of();
    private String[] serviceAccount;
    private Credentials credentials;
    private boolean plaintext;
    private int maxAttempts = 5;

    Builder() {
      super(
          SecretManagerServiceSettings.getDefaultEndpoint(),
          Duration.ofMillis(250),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30));
    }

    /** The project whose secrets hold the keys. Required. */
    public Builder projectId(String projectId) {
      this.projectId = Objects.requireNonNull(projectId, "projectId");
      return this;
    }

    /** OAuth scopes for the credentials; empty (the default) for {@link #CLOUD_PLATFORM_SCOPE}. */
    public Builder scopes(List<String> scopes) {
      this.scopes = List.copyOf(scopes);
      return this;
    }

    /**
     * A service account's key, as the four {@code credentials} settings give it. In {@code
     * privateKey} (a PEM PKCS #8 key) the two characters backslash-n stand for a newline, as in
     * KES. Replaces any earlier choice of credentials.
     */
    public Builder serviceAccount(
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
    public Builder applicationDefaultCredentials() {
      this.serviceAccount = null;
      this.credentials = null;
      return this;
    }

    /** An application's own credentials, used as given (scopes are not applied). */
    public Builder credentials(Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      this.serviceAccount = null;
      return this;
    }

    /**
     * Talks plaintext gRPC without any credentials: for a local emulator or a test server only.
     * Never use it against Google.
     */
    public Builder insecurePlaintext() {
      this.plaintext = true;
      return this;
    }

    /** How often one call is tried in all, at least 1; 5 by default. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = Checks.atLeast(1, maxAttempts, "maxAttempts");
      return this;
    }

    /**
     * Builds the store. With application-default credentials, looking them up may ask the metadata
     * server; nothing else goes over the network.
     *
     * @throws IllegalStateException if the project id is missing
     * @throws IllegalArgumentException if the service account's private key is not a PEM PKCS #8
     * key
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
              .setInitialRetryDelayDuration(baseDelay())
              .setRetryDelayMultiplier(2.0)
              .setMaxRetryDelayDuration(maxDelay())
              .setInitialRpcTimeoutDuration(timeout())
              .setRpcTimeoutMultiplier(1.0)
              .setMaxRpcTimeoutDuration(timeout())
              .setTotalTimeoutDuration(timeout())
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
            SecretManagerServiceClient.create(settings.build()),
            projectId,
            target,
            credentialKind());
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
              projectId,
              serviceAccount[0],
              serviceAccount[1],
              serviceAccount[2],
              serviceAccount[3]);
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
      String text = endpointSetting().trim();
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

    /** Project, scopes and the kind of credentials; never the private key. */
    @Override
    protected void describe(BiConsumer<String, Object> setting) {
      setting.accept("project", projectId);
      setting.accept("scopes", scopes);
      setting.accept("credentials", credentialKind());
    }
  }
}
