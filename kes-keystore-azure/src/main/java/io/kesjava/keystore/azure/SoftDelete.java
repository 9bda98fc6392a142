package io.kesjava.keystore.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreStatusException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Purging soft-deleted secrets, for stores with {@code purgeOnDelete} ({@code
 * docs/keystores/azure.md}, "purge (helper)"). Key Vault deletes in the background: for a while
 * after a delete, the deleted secret is not visible yet and purges or sets of that name answer 409
 * {@code ObjectIsBeingDeleted}. These calls are retried with backoff, as KES does.
 *
 * <p>Thread-safety: immutable; the retries sleep on the calling thread.
 */
final class SoftDelete {

  private static final System.Logger LOG = System.getLogger(SoftDelete.class.getName());
  /** Attempts of one purge, and of one set over a name being deleted (KES: 10 and 7). */
  private static final int PURGE_ATTEMPTS = 10;
  private static final int SET_ATTEMPTS = 7;

  private final SecretClient client;
  private final AzureErrors errors;
  private final Duration base;
  private final Duration max;

  SoftDelete(SecretClient client, AzureErrors errors, Duration base, Duration max) {
    this.client = client;
    this.errors = errors;
    this.base = base;
    this.max = max;
  }

  /** Waits until the deleted secret is visible, so that a purge does not miss it. */
  void awaitDeleted(String name, String what) {
    for (int attempt = 1; attempt <= PURGE_ATTEMPTS; attempt++) {
      try {
        client.getDeletedSecret(name);
        return;
      } catch (ResourceNotFoundException e) {
        pause(attempt, what);
      } catch (RuntimeException e) {
        throw errors.map(what, e);
      }
    }
  }

  /**
   * Purges the deleted secret {@code name}. Done when purged or when there is nothing to purge;
   * still being deleted after every attempt counts as done too (as in KES), with a warning.
   */
  void purge(String name, String what) {
    for (int attempt = 1; ; attempt++) {
      try {
        client.purgeDeletedSecret(name);
        return;
      } catch (ResourceNotFoundException e) {
        return;
      } catch (HttpResponseException e) {
        AzureError error = AzureError.of(e);
        if (error.is(AzureError.BEING_DELETED) && attempt < PURGE_ATTEMPTS) {
          pause(attempt, what);
        } else if (error.is(AzureError.BEING_DELETED)) {
          LOG.log(Level.WARNING, "azure: secret ''{0}'' is still being deleted; not purged", name);
          return;
        } else if (error.is(AzureError.FORBIDDEN_BY_POLICY)) {
          throw new KeyStoreException(what + ": insufficient permissions: " + errors.describe(e));
        } else {
          throw errors.map(what, e);
        }
      } catch (RuntimeException e) {
        throw errors.map(what, e);
      }
    }
  }

  /** Sets {@code secret}, purging and waiting while its name is still soft-deleted. */
  KeyVaultSecret setWhileBeingDeleted(KeyVaultSecret secret, String what) {
    for (int attempt = 1; attempt <= SET_ATTEMPTS; attempt++) {
      try {
        return client.setSecret(secret);
      } catch (HttpResponseException e) {
        AzureError error = AzureError.of(e);
        if (error.is(AzureError.BEING_DELETED)) {
          pause(attempt, what);
        } else if (error.is(AzureError.DELETED_BUT_RECOVERABLE)) {
          purge(secret.getName(), what);
        } else {
          throw errors.map(what, e);
        }
      } catch (RuntimeException e) {
        throw errors.map(what, e);
      }
    }
    throw new KeyStoreStatusException(
        409,
        "azure: key '"
            + secret.getName()
            + "' already exists but is currently marked as deleted. Either restore or purge '"
            + secret.getName()
            + "'");
  }

  /** Exponential backoff with jitter: {@code base * 2^(attempt-1)}, at most {@code max}. */
  private void pause(int attempt, String what) {
    long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
    long millis = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyStoreException(what + ": interrupted while Key Vault was deleting");
    }
  }
}
