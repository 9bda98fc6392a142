package io.kesjava.keystore.azure;

import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.common.StoredValues;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a stored value becomes a Key Vault secret value, which is a string. KES's values are ASCII
 * text and are stored as they are ({@code docs/keystores/README.md#what-is-stored}). A value that
 * is not valid UTF-8, which KES never writes, is stored as base64 and marked by a content type of
 * its own, so that any byte string round-trips.
 */
final class SecretValues {

  /** The content type that marks a base64-encoded binary value. */
  static final String BINARY = "application/vnd.kes-java.binary+base64";

  private SecretValues() {}

  static KeyVaultSecret encode(String name, byte[] value) {
    String text = StoredValues.utf8(value);
    if (text != null) {
      return new KeyVaultSecret(name, text);
    }
    return new KeyVaultSecret(name, Base64.getEncoder().encodeToString(value))
        .setProperties(new SecretProperties().setContentType(BINARY));
  }

  static byte[] decode(KeyVaultSecret secret) {
    String value = secret.getValue() == null ? "" : secret.getValue();
    SecretProperties properties = secret.getProperties();
    if (properties != null && BINARY.equals(properties.getContentType())) {
      try {
        return Base64.getDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        throw new KeyStoreException(
            "azure: failed to read '" + secret.getName() + "': its binary value is not base64");
      }
    }
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether two secrets hold the same stored value. */
  static boolean sameValue(KeyVaultSecret a, KeyVaultSecret b) {
    return java.util.Arrays.equals(decode(a), decode(b));
  }
}
