package io.kesjava.keystore.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreStatusException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
      AzureKeyVaultKeyStoreBuilder settings,
      Redactor redactor) {
    this.client = client;
    this.httpClient = httpClient;
    this.endpoint = settings.endpoint();
    this.purgeOnDelete = settings.purgeOnDelete();
    this.credentialKind = settings.credentialKind();
    this.errors = new AzureErrors(redactor);
    this.softDelete = new SoftDelete(client, errors, settings.backoffBase(), settings.backoffMax());
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** A builder with no endpoint yet, the default credential chain and soft delete. */
  public static AzureKeyVaultKeyStoreBuilder builder() {
    return new AzureKeyVaultKeyStoreBuilder();
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
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(continueAt, "continueAt");
    List<String> names = new ArrayList<>();
    try {
      for (SecretProperties secret : client.listPropertiesOfSecrets()) {
        names.add(secret.getName());
      }
    } catch (RuntimeException e) {
      throw errors.map("azure: failed to list keys", e);
    }
    return KeyListing.page(names, prefix, continueAt, limit);
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
}
