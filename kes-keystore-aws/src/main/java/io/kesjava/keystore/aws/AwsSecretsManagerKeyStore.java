package io.kesjava.keystore.aws;

import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.common.Checks;
import io.kesjava.keystore.common.Redactor;
import io.kesjava.keystore.common.SdkStoreBuilder;
import io.kesjava.keystore.common.StoredValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * A {@link KeyStore} that keeps each key as one secret in AWS Secrets Manager, exactly as KES does
 * ({@code docs/keystores/aws.md}): the secret's name is the key's name and its {@code SecretString}
 * is the stored value, so KES and kes-java can share one AWS account.
 *
 * <p>Create is {@code CreateSecret} (atomic: Secrets Manager refuses an existing name), get is
 * {@code GetSecretValue} of the current version, delete is {@code DeleteSecret} without a recovery
 * window, and list walks {@code ListSecrets} page by page. A value that is not valid UTF-8 (KES
 * never writes one) is stored as {@code SecretBinary} instead, so that every byte string
 * round-trips.
 *
 * <p>Retries: the SDK's standard strategy retries throttling, 5xx and transport failures with
 * exponential backoff and jitter. It also retries a create that AWS refuses because a secret of
 * that name is still being deleted, as AWS asks callers to do after a forced delete.
 *
 * <p>Thread-safety: safe for concurrent use. Nullness: no argument or result is {@code null}.
 *
 * <p>Security: credentials never appear in {@link #toString()}, {@link #description()} or an
 * exception message; vendor messages are scrubbed of them.
 */
public final class AwsSecretsManagerKeyStore implements KeyStore {

  private static final System.Logger LOG =
      System.getLogger(AwsSecretsManagerKeyStore.class.getName());

  private final SecretsManagerClient client;
  private final AutoCloseable credentials;
  private final AwsErrors errors;
  private final HttpProbe probe;
  private final URI endpoint;
  private final String region;
  private final String kmsKey;
  private final String credentialKind;

  AwsSecretsManagerKeyStore(
      SecretsManagerClient client,
      AutoCloseable credentials,
      Redactor redactor,
      Builder settings) {
    this.client = client;
    this.credentials = credentials;
    this.errors = new AwsErrors(redactor);
    this.endpoint = settings.endpointUri();
    this.region = settings.region();
    this.kmsKey = settings.kmsKey();
    this.credentialKind = settings.credentialKind();
    this.probe = new HttpProbe("aws", endpoint, settings.requestTimeout());
  }

  /** A builder with no endpoint and region yet, and the SDK's default credential chain. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code CreateSecret} with the value as {@code SecretString} (or {@code SecretBinary} when it is
   * not valid UTF-8) and the configured KMS key.
   *
   * @throws EntryExistsException if a secret with that name exists
   * @throws KeyStoreUnreachableException if AWS cannot be reached
   * @throws KeyStoreException on any other failure, for example when a secret of that name is
   *     scheduled for deletion and retries did not outlast it
   */
  @Override
  public void create(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    CreateSecretRequest.Builder request = CreateSecretRequest.builder().name(name);
    String text = StoredValues.utf8(value);
    if (text != null) {
      request.secretString(text);
    } else {
      request.secretBinary(SdkBytes.fromByteArray(value));
    }
    if (!kmsKey.isEmpty()) {
      request.kmsKeyId(kmsKey);
    }
    try {
      client.createSecret(request.build());
    } catch (SdkException e) {
      throw errors.onCreate(name, e);
    }
  }

  /**
   * {@code GetSecretValue} of the current version: its {@code SecretString} as UTF-8, or its
   * {@code SecretBinary}.
   *
   * @throws EntryNotFoundException if there is no such secret, or it is marked for deletion
   * @throws KeyStoreUnreachableException if AWS cannot be reached
   * @throws KeyStoreException on any other failure, such as KMS failing to decrypt the secret
   */
  @Override
  public byte[] get(String name) {
    Objects.requireNonNull(name, "name");
    GetSecretValueResponse response;
    try {
      response = client.getSecretValue(r -> r.secretId(name));
    } catch (SdkException e) {
      throw errors.onGet(name, e);
    }
    if (response.secretString() != null) {
      return response.secretString().getBytes(StandardCharsets.UTF_8);
    }
    if (response.secretBinary() != null) {
      return response.secretBinary().asByteArray();
    }
    throw new KeyStoreException("aws: failed to read '" + name + "': the secret has no value");
  }

  /**
   * {@code DeleteSecret} with {@code ForceDeleteWithoutRecovery}, as KES does: the secret is gone
   * at once, with no recovery window. AWS answers a forced delete of a missing secret with success,
   * so this method cannot always tell that the key did not exist.
   *
   * @throws EntryNotFoundException if AWS says there is no such secret
   * @throws KeyStoreUnreachableException if AWS cannot be reached
   * @throws KeyStoreException on any other failure
   */
  @Override
  public void delete(String name) {
    Objects.requireNonNull(name, "name");
    try {
      client.deleteSecret(r -> r.secretId(name).forceDeleteWithoutRecovery(true));
    } catch (SdkException e) {
      throw errors.onDelete(name, e);
    }
  }

  /**
   * Walks every page of {@code ListSecrets} and applies prefix, cursor and limit ({@code
   * docs/keystores/README.md#the-contract-every-store-keeps}). Lists every secret the credentials
   * may see, not only KES keys.
   *
   * @throws KeyStoreUnreachableException if AWS cannot be reached
   * @throws KeyStoreException on any other failure
   */
  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    return KeyListing.collect(prefix, continueAt, limit, names -> {
      try {
        ListSecretsRequest request = ListSecretsRequest.builder().maxResults(100).build();
        for (ListSecretsResponse page : client.listSecretsPaginator(request)) {
          for (SecretListEntry secret : page.secretList()) {
            names.accept(secret.name());
          }
        }
      } catch (SdkException e) {
        throw errors.onList(e);
      }
    });
  }

  /**
   * A plain {@code GET} of the endpoint, as KES does: any HTTP answer means reachable.
   *
   * @throws KeyStoreUnreachableException if no HTTP answer arrives
   */
  @Override
  public Duration status() {
    return probe.probe();
  }

  /** {@code AWS SecretsManager: <endpoint>}, as KES prints it. */
  @Override
  public String description() {
    return "AWS SecretsManager: " + endpoint;
  }

  /** Closes the SDK client and, when this store made it, the default credential chain. */
  @Override
  public void close() {
    client.close();
    if (credentials != null) {
      try {
        credentials.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.DEBUG, "aws: closing the credential provider failed", e);
      }
    }
  }

  /** Endpoint, region, KMS key and the kind of credentials; never a credential. */
  @Override
  public String toString() {
    return "AwsSecretsManagerKeyStore[endpoint="
        + endpoint
        + ", region="
        + region
        + ", kmsKey="
        + (kmsKey.isEmpty() ? "(account default)" : kmsKey)
        + ", credentials="
        + credentialKind
        + "]";
  }

  /**
   * Builds an {@link AwsSecretsManagerKeyStore}; get one from {@link
   * AwsSecretsManagerKeyStore#builder()}. The settings are those of {@code
   * keystore.aws.secretsmanager} ({@code docs/keystores/aws.md#configuration}).
   *
   * <p>{@link #endpoint}: the Secrets Manager endpoint, such as {@code
   * secretsmanager.us-east-2.amazonaws.com}; {@code https://} is assumed when there is no scheme.
   * Endpoint and region are required. Without static credentials the SDK's default chain is
   * used: environment variables, system properties, web identity, the shared credentials and config
   * files, and the container and EC2 instance roles.
   *
   * <p>{@link #backoff}: the exponential backoff between attempts, with full jitter: {@code base}
   * doubles each retry up to {@code max}. Throttled calls start at ten times {@code base}.
   * Defaults: 100 ms and 20 s. {@link #timeout}: the connect and read timeout of each HTTP request;
   * 30 s by default.
   *
   * <p>Thread-safety: not thread-safe; use one builder from one thread. Nullness: no argument may
   * be {@code null}.
   *
   * <p>Security: {@link #toString()} says which kind of credentials is set, never their values.
   */
  public static final class Builder extends SdkStoreBuilder<Builder> {

    private String region = "";
    private String kmsKey = "";
    private String accessKey = "";
    private String secretKey = "";
    private String sessionToken = "";
    private AwsCredentialsProvider credentialsProvider;
    private int maxAttempts = 3;

    Builder() {
      super("", Duration.ofMillis(100), Duration.ofSeconds(20), Duration.ofSeconds(30));
    }

    /** The region the requests are signed for, such as {@code us-east-2}. Required. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * The id or ARN of the KMS key that encrypts new secrets; empty (the default) for the
     * account's.
     */
    public Builder kmsKey(String kmsKey) {
      this.kmsKey = Objects.requireNonNull(kmsKey, "kmsKey");
      return this;
    }

    /**
     * Static credentials: an access key and a secret key, plus a session token for temporary
     * credentials (empty otherwise). Replaces any earlier choice of credentials.
     *
     * @throws IllegalArgumentException at {@link #build()} if the access key or the secret key is
     *     empty
     */
    public Builder staticCredentials(
        String accessKey, String secretKey, String sessionToken) {
      this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
      this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
      this.sessionToken = Objects.requireNonNull(sessionToken, "sessionToken");
      this.credentialsProvider = null;
      return this;
    }

    /** The SDK's default credential chain (the default). Replaces any earlier choice. */
    public Builder defaultCredentials() {
      this.accessKey = "";
      this.secretKey = "";
      this.sessionToken = "";
      this.credentialsProvider = null;
      return this;
    }

    /**
     * Credentials from an application's own provider, such as an STS assume-role provider. The
     * store does not close it. Replaces any earlier choice.
     */
    public Builder credentialsProvider(AwsCredentialsProvider provider) {
      defaultCredentials();
      this.credentialsProvider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** How often one call is tried in all, at least 1; 3 by default, as the SDK's standard mode. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = Checks.atLeast(1, maxAttempts, "maxAttempts");
      return this;
    }

    /**
     * Builds the store. Makes no network call.
     *
     * @throws IllegalStateException if the endpoint or region is missing
     * @throws IllegalArgumentException if the endpoint is not a valid URL, or static credentials
     *     lack the access key or the secret key
     */
    public AwsSecretsManagerKeyStore build() {
      if (endpointSetting().isEmpty()) {
        throw new IllegalStateException("no endpoint specified");
      }
      if (region.isEmpty()) {
        throw new IllegalStateException("no region specified");
      }
      URI uri = endpointUri();
      AwsCredentialsProvider provider;
      AutoCloseable owned = null;
      if (credentialsProvider != null) {
        provider = credentialsProvider;
      } else if (hasStaticCredentials()) {
        if (accessKey.isEmpty() || secretKey.isEmpty()) {
          throw new IllegalArgumentException(
              "static credentials need both an access key and a secret key");
        }
        provider =
            StaticCredentialsProvider.create(
                sessionToken.isEmpty()
                    ? AwsBasicCredentials.create(accessKey, secretKey)
                    : AwsSessionCredentials.create(accessKey, secretKey, sessionToken));
      } else {
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        provider = chain;
        owned = chain;
      }
      SecretsManagerClient client =
          SecretsManagerClient.builder()
              .endpointOverride(uri)
              .region(Region.of(region))
              .credentialsProvider(provider)
              .httpClientBuilder(
                  UrlConnectionHttpClient.builder()
                      .connectionTimeout(timeout())
                      .socketTimeout(timeout()))
              .overrideConfiguration(c -> c.retryStrategy(retryStrategy()))
              .build();
      // Some AWS error messages echo the canonical request, which holds the session token.
      Redactor redactor =
          Redactor.builder()
              .minLength(4)
              .secrets(List.of(accessKey, secretKey, sessionToken))
              .build();
      return new AwsSecretsManagerKeyStore(client, owned, redactor, this);
    }

    private RetryStrategy retryStrategy() {
      Duration throttlingBase = baseDelay().multipliedBy(10).compareTo(maxDelay()) > 0
          ? maxDelay()
          : baseDelay().multipliedBy(10);
      return AwsRetryStrategy.standardRetryStrategy().toBuilder()
          .maxAttempts(maxAttempts)
          .backoffStrategy(BackoffStrategy.exponentialDelay(baseDelay(), maxDelay()))
          .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttlingBase, maxDelay()))
          // AWS deletes a force-deleted secret in the background and asks callers to retry a
          // create of the same name with backoff.
          .retryOnException(AwsErrors::isScheduledForDeletion)
          .build();
    }

    private boolean hasStaticCredentials() {
      return !accessKey.isEmpty() || !secretKey.isEmpty() || !sessionToken.isEmpty();
    }

    URI endpointUri() {
      String endpoint = endpointSetting();
      String text = endpoint.contains("://") ? endpoint : "https://" + endpoint;
      try {
        URI uri = new URI(text);
        if (uri.getHost() == null) {
          throw new IllegalArgumentException("the endpoint has no host name");
        }
        return uri;
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("the endpoint is not a valid URL: " + e.getReason());
      }
    }

    String region() {
      return region;
    }

    String kmsKey() {
      return kmsKey;
    }

    Duration requestTimeout() {
      return timeout();
    }

    String accessKey() {
      return accessKey;
    }

    String secretKey() {
      return secretKey;
    }

    String sessionToken() {
      return sessionToken;
    }

    /** {@code static}, {@code static+token}, {@code provided} or {@code default chain}. */
    String credentialKind() {
      if (credentialsProvider != null) {
        return "provided";
      }
      if (hasStaticCredentials()) {
        return sessionToken.isEmpty() ? "static" : "static+token";
      }
      return "default chain";
    }

    /** Region, KMS key, the kind of credentials (never their values) and the attempts. */
    @Override
    protected void describe(BiConsumer<String, Object> setting) {
      setting.accept("region", region);
      setting.accept("kmsKey", kmsKey);
      setting.accept("credentials", credentialKind());
      setting.accept("maxAttempts", maxAttempts);
    }
  }
}
