package io.kesjava.keystore.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.protobuf.ByteString;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
  public static GcpSecretManagerKeyStoreBuilder builder() {
    return new GcpSecretManagerKeyStoreBuilder();
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
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(continueAt, "continueAt");
    List<String> names = new ArrayList<>();
    try {
      for (Secret secret :
          client.listSecrets(ListSecretsRequest.newBuilder().setParent(parent).build())
              .iterateAll()) {
        String full = secret.getName();
        names.add(full.substring(full.lastIndexOf('/') + 1));
      }
    } catch (ApiException e) {
      throw GcpErrors.onList(e);
    }
    return KeyListing.page(names, prefix, continueAt, limit);
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
}
