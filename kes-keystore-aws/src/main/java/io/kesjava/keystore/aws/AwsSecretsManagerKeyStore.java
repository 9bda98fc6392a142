package io.kesjava.keystore.aws;

import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
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
 * window, and list walks {@code ListSecrets} page by page. A value that is not valid UTF-8 (KES never
 * writes one) is stored as {@code SecretBinary} instead, so that every byte string round-trips.
 *
 * <p>Retries: the SDK's standard strategy retries throttling, 5xx and transport failures with
 * exponential backoff and jitter. It also retries a create that AWS refuses because a secret of that
 * name is still being deleted, as AWS asks callers to do after a forced delete.
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
      AwsSecretsManagerKeyStoreBuilder settings) {
    this.client = client;
    this.credentials = credentials;
    this.errors = new AwsErrors(redactor);
    this.endpoint = settings.endpointUri();
    this.region = settings.region();
    this.kmsKey = settings.kmsKey();
    this.credentialKind = settings.credentialKind();
    this.probe = new HttpProbe("aws", endpoint, settings.timeout());
  }

  /** A builder with no endpoint and region yet, and the SDK's default credential chain. */
  public static AwsSecretsManagerKeyStoreBuilder builder() {
    return new AwsSecretsManagerKeyStoreBuilder();
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
    String text = utf8OrNull(value);
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
   * {@code DeleteSecret} with {@code ForceDeleteWithoutRecovery}, as KES does: the secret is gone at
   * once, with no recovery window. AWS answers a forced delete of a missing secret with success, so
   * this method cannot always tell that the key did not exist.
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
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(continueAt, "continueAt");
    List<String> names = new ArrayList<>();
    try {
      ListSecretsRequest request = ListSecretsRequest.builder().maxResults(100).build();
      for (ListSecretsResponse page : client.listSecretsPaginator(request)) {
        for (SecretListEntry secret : page.secretList()) {
          names.add(secret.name());
        }
      }
    } catch (SdkException e) {
      throw errors.onList(e);
    }
    return KeyListing.page(names, prefix, continueAt, limit);
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

  /** The value as a string when it is valid UTF-8, else {@code null}. */
  static String utf8OrNull(byte[] value) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
