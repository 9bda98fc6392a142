package io.kesjava.keystore.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One Transit secrets engine mount, after Vault's API reference: {@code encrypt/<key>} takes Base64
 * {@code plaintext} and answers {@code vault:v1:<Base64(nonce | AES-GCM)>}, creating the key on
 * first use; {@code decrypt/<key>} reverses it and fails for unknown keys or forged ciphertexts.
 */
final class FakeTransit {

  private final ObjectMapper json;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, byte[]> keys = new HashMap<>();

  FakeTransit(ObjectMapper json) {
    this.json = json;
  }

  synchronized FakeVault.Answer handle(String method, String path, JsonNode body) {
    if (!method.equals("POST") && !method.equals("PUT")) {
      return FakeVault.Answer.error(405, "unsupported operation");
    }
    int slash = path.indexOf('/');
    String op = slash < 0 ? path : path.substring(0, slash);
    String name = slash < 0 ? "" : path.substring(slash + 1);
    try {
      switch (op) {
        case "encrypt":
          return encrypt(name, body.path("plaintext").asText(""));
        case "decrypt":
          return decrypt(name, body.path("ciphertext").asText(""));
        default:
          return FakeVault.Answer.error(404, "no handler for route '" + path + "'");
      }
    } catch (GeneralSecurityException e) {
      return FakeVault.Answer.error(400, "cipher: message authentication failed");
    }
  }

  private FakeVault.Answer encrypt(String name, String plaintext) throws GeneralSecurityException {
    byte[] clear;
    try {
      clear = Base64.getDecoder().decode(plaintext);
    } catch (IllegalArgumentException e) {
      return FakeVault.Answer.error(400, "failed to base64-decode plaintext");
    }
    byte[] key = keys.computeIfAbsent(name, n -> newKey());
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    byte[] sealed = gcm.doFinal(clear);
    byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    ObjectNode answer = json.createObjectNode();
    answer
        .putObject("data")
        .put("ciphertext", "vault:v1:" + Base64.getEncoder().encodeToString(out))
        .put("key_version", 1);
    return FakeVault.Answer.ok(answer);
  }

  private FakeVault.Answer decrypt(String name, String ciphertext) throws GeneralSecurityException {
    byte[] key = keys.get(name);
    if (key == null) {
      return FakeVault.Answer.error(400, "encryption key not found");
    }
    if (!ciphertext.startsWith("vault:v1:")) {
      return FakeVault.Answer.error(400, "invalid ciphertext: no prefix");
    }
    byte[] in;
    try {
      in = Base64.getDecoder().decode(ciphertext.substring("vault:v1:".length()));
    } catch (IllegalArgumentException e) {
      return FakeVault.Answer.error(400, "invalid ciphertext: could not decode");
    }
    if (in.length < 12 + 16) {
      return FakeVault.Answer.error(400, "invalid ciphertext: too short");
    }
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(
        Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, in, 0, 12));
    byte[] clear = gcm.doFinal(in, 12, in.length - 12);
    ObjectNode answer = json.createObjectNode();
    answer.putObject("data").put("plaintext", Base64.getEncoder().encodeToString(clear));
    return FakeVault.Answer.ok(answer);
  }

  private byte[] newKey() {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return key;
  }
}
