package io.kesjava.keystore.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds an {@link AwsSecretsManagerKeyStore}; get one from {@link
 * AwsSecretsManagerKeyStore#builder()}. The settings are those of {@code
 * keystore.aws.secretsmanager} ({@code docs/keystores/aws.md#configuration}).
 *
 * <p>Endpoint and region are required. Without static credentials the SDK's default chain is used:
 * environment variables, system properties, web identity, the shared credentials and config files,
 * and the container and EC2 instance roles.
 *
 * <p>Thread-safety: not thread-safe; use one builder from one thread. Nullness: no argument may be
 * {@code null}.
 *
 * <p>Security: {@link #toString()} says which kind of credentials is set, never their values.
 */
public final class AwsSecretsManagerKeyStoreBuilder {

  private String endpoint = "";
  private String region = "";
  private String kmsKey = "";
  private String accessKey = "";
  private String secretKey = "";
  private String sessionToken = "";
  private AwsCredentialsProvider credentialsProvider;
  private int maxAttempts = 3;
  private Duration baseDelay = Duration.ofMillis(100);
  private Duration maxDelay = Duration.ofSeconds(20);
  private Duration timeout = Duration.ofSeconds(30);

  AwsSecretsManagerKeyStoreBuilder() {}

  /**
   * The Secrets Manager endpoint, such as {@code secretsmanager.us-east-2.amazonaws.com}; {@code
   * https://} is assumed when there is no scheme. Required.
   */
  public AwsSecretsManagerKeyStoreBuilder endpoint(String endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    return this;
  }

  /** The region the requests are signed for, such as {@code us-east-2}. Required. */
  public AwsSecretsManagerKeyStoreBuilder region(String region) {
    this.region = Objects.requireNonNull(region, "region");
    return this;
  }

  /** The id or ARN of the KMS key that encrypts new secrets; empty (the default) for the account's. */
  public AwsSecretsManagerKeyStoreBuilder kmsKey(String kmsKey) {
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
  public AwsSecretsManagerKeyStoreBuilder staticCredentials(
      String accessKey, String secretKey, String sessionToken) {
    this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
    this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
    this.sessionToken = Objects.requireNonNull(sessionToken, "sessionToken");
    this.credentialsProvider = null;
    return this;
  }

  /** The SDK's default credential chain (the default). Replaces any earlier choice. */
  public AwsSecretsManagerKeyStoreBuilder defaultCredentials() {
    this.accessKey = "";
    this.secretKey = "";
    this.sessionToken = "";
    this.credentialsProvider = null;
    return this;
  }

  /**
   * Credentials from an application's own provider, such as an STS assume-role provider. The store
   * does not close it. Replaces any earlier choice.
   */
  public AwsSecretsManagerKeyStoreBuilder credentialsProvider(AwsCredentialsProvider provider) {
    defaultCredentials();
    this.credentialsProvider = Objects.requireNonNull(provider, "provider");
    return this;
  }

  /** How often one call is tried in all, at least 1; 3 by default, as the SDK's standard mode. */
  public AwsSecretsManagerKeyStoreBuilder maxAttempts(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    return this;
  }

  /**
   * The exponential backoff between attempts, with full jitter: {@code base} doubles each retry up
   * to {@code max}. Throttled calls start at ten times {@code base}. Defaults: 100 ms and 20 s.
   */
  public AwsSecretsManagerKeyStoreBuilder backoff(Duration base, Duration max) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max");
    }
    this.baseDelay = base;
    this.maxDelay = max;
    return this;
  }

  /** The connect and read timeout of each HTTP request; 30 s by default. */
  public AwsSecretsManagerKeyStoreBuilder timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * Builds the store. Makes no network call.
   *
   * @throws IllegalStateException if the endpoint or region is missing
   * @throws IllegalArgumentException if the endpoint is not a valid URL, or static credentials lack
   *     the access key or the secret key
   */
  public AwsSecretsManagerKeyStore build() {
    if (endpoint.isEmpty()) {
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
                UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
            .overrideConfiguration(c -> c.retryStrategy(retryStrategy()))
            .build();
    return new AwsSecretsManagerKeyStore(
        client, owned, Redactor.of(accessKey, secretKey, sessionToken), this);
  }

  private RetryStrategy retryStrategy() {
    Duration throttlingBase = baseDelay.multipliedBy(10).compareTo(maxDelay) > 0
        ? maxDelay
        : baseDelay.multipliedBy(10);
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(BackoffStrategy.exponentialDelay(baseDelay, maxDelay))
        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttlingBase, maxDelay))
        // AWS deletes a force-deleted secret in the background and asks callers to retry a
        // create of the same name with backoff.
        .retryOnException(AwsErrors::isScheduledForDeletion)
        .build();
  }

  private boolean hasStaticCredentials() {
    return !accessKey.isEmpty() || !secretKey.isEmpty() || !sessionToken.isEmpty();
  }

  URI endpointUri() {
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

  Duration timeout() {
    return timeout;
  }

  int maxAttempts() {
    return maxAttempts;
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

  /** The settings, without credential values. */
  @Override
  public String toString() {
    return "AwsSecretsManagerKeyStoreBuilder[endpoint="
        + endpoint
        + ", region="
        + region
        + ", kmsKey="
        + kmsKey
        + ", credentials="
        + credentialKind()
        + ", maxAttempts="
        + maxAttempts
        + "]";
  }
}
