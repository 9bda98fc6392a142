package io.kesjava.keystore.vault;

import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.time.Duration;
import java.util.Objects;
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

  private final VaultKeyStoreBuilder settings;
  private final OkHttpClient httpClient;
  private final Scheduler scheduler;
  private final VaultSession session;
  private final VaultHealth health;
  private final VaultClient client;
  private final VaultKv kv;

  VaultKeyStore(
      VaultKeyStoreBuilder settings,
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
  public static VaultKeyStoreBuilder builder() {
    return new VaultKeyStoreBuilder();
  }

  /** A builder holding this store's settings, to build a variant. */
  public VaultKeyStoreBuilder toBuilder() {
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
}
