package io.kesjava.keystore.azure;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.kesjava.keystore.EntryExistsException;
import java.lang.System.Logger.Level;

/**
 * After a create has set its secret: did another writer set the name first? Key Vault has no
 * create-if-absent, so two servers can both pass the existence check. Readers take the oldest
 * version ({@code docs/keystores/azure.md}), so the writer whose version is not the oldest lost; it
 * disables its version and reports that the key exists. A version that is older but holds the same
 * value is this writer's own (an HTTP retry set it twice).
 *
 * <p>Key Vault records creation times in whole seconds: two writes in the same second cannot be
 * ordered, and both count as first.
 *
 * <p>Thread-safety: immutable.
 */
final class RaceCheck {

  private static final System.Logger LOG = System.getLogger(RaceCheck.class.getName());

  private final SecretClient client;

  RaceCheck(SecretClient client) {
    this.client = client;
  }

  /**
   * @throws EntryExistsException if an older version with another value exists
   */
  void requireFirst(String name, KeyVaultSecret written) {
    SecretProperties mine = written.getProperties();
    SecretProperties oldest = null;
    for (SecretProperties version : client.listPropertiesOfSecretVersions(name)) {
      boolean older =
          !version.getVersion().equals(mine.getVersion())
              && version.getCreatedOn().isBefore(mine.getCreatedOn());
      if (older && (oldest == null || version.getCreatedOn().isBefore(oldest.getCreatedOn()))) {
        oldest = version;
      }
    }
    if (oldest == null) {
      return;
    }
    KeyVaultSecret first = client.getSecret(name, oldest.getVersion());
    if (SecretValues.sameValue(first, written)) {
      return;
    }
    try {
      client.updateSecretProperties(mine.setEnabled(false));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "azure: could not disable the losing version of ''{0}''", name);
    }
    throw new EntryExistsException(
        "azure: key '" + name + "' already exists: another create of the same name came first");
  }
}
