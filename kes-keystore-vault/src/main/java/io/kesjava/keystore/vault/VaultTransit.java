package io.kesjava.keystore.vault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kesjava.keystore.KeyStoreException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Wraps stored values with a Vault Transit key ({@code docs/keystores/README.md#what-is-stored}):
 * the K/V field then holds {@code vault:v1:...}, the Transit ciphertext of the Base64 of the value.
 *
 * <p>Thread-safety: safe for concurrent use.
 *
 * @param client the client the Transit calls go through
 * @param engine the Transit engine's mount path
 * @param key the Transit key's name
 */
record VaultTransit(VaultClient client, String engine, String key) {

  /** The prefix KES writes and recognises. */
  static final String PREFIX = "vault:v1:";

  /** The Transit ciphertext of {@code Base64(value)}; {@code secrets} gains it. */
  String encrypt(String location, byte[] value, Set<String> secrets) {
    String plaintext = Base64.getEncoder().encodeToString(value);
    Set<String> all = new HashSet<>(secrets);
    all.add(plaintext);
    ObjectNode body = client.json().createObjectNode().put("plaintext", plaintext);
    VaultHttp.Reply reply =
        client.call("POST", VaultPaths.join(engine, "encrypt", key), Map.of(), body, all);
    String ciphertext = reply.body().path("data").path("ciphertext").asText("");
    if (!reply.ok() || !ciphertext.startsWith(PREFIX)) {
      throw new KeyStoreException(
          "vault: failed to encrypt '"
              + location
              + "' with transit key '"
              + key
              + "': "
              + (reply.ok() ? "no " + PREFIX + " ciphertext" : client.describe(reply, all)));
    }
    return ciphertext;
  }

  /** The value inside a {@code vault:v1:} ciphertext. */
  byte[] decrypt(String location, String ciphertext) {
    ObjectNode body = client.json().createObjectNode().put("ciphertext", ciphertext);
    Set<String> secrets = Set.of(ciphertext);
    VaultHttp.Reply reply =
        client.call("POST", VaultPaths.join(engine, "decrypt", key), Map.of(), body, secrets);
    if (!reply.ok()) {
      throw new KeyStoreException(
          "vault: failed to decrypt '"
              + location
              + "' with transit key '"
              + key
              + "': "
              + client.describe(reply, secrets));
    }
    try {
      return Base64.getDecoder().decode(reply.body().path("data").path("plaintext").asText(""));
    } catch (IllegalArgumentException e) {
      throw new KeyStoreException(
          "vault: failed to decrypt '" + location + "': the plaintext is not Base64");
    }
  }

  /** {@code <engine>/<key>}. */
  @Override
  public String toString() {
    return engine + "/" + key;
  }
}
