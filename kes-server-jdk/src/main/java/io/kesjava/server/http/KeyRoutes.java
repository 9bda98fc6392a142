package io.kesjava.server.http;

import io.kesjava.core.DataKey;
import io.kesjava.core.Encrypted;
import io.kesjava.core.InvalidArgumentException;
import io.kesjava.core.Kes;
import io.kesjava.core.KesException;
import io.kesjava.core.KeyInfo;
import io.kesjava.core.Listing;
import io.kesjava.core.Names;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.SecretBytes;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The key routes ({@code docs/http-api.md#create-a-key}) and the v0.22 bulk decrypt ({@code
 * docs/http-api.md#older-routes}). Each handler checks the name first, then the body, then calls
 * the engine.
 *
 * <p>Thread-safety: stateless apart from the immutable backend.
 */
final class KeyRoutes {

  private static final String BAD_BODY = "invalid request body";
  private static final int MAX_BULK = 1000;

  private final Backend backend;

  KeyRoutes(Backend backend) {
    this.backend = backend;
  }

  private Kes kes(Call call) {
    return call.identity == null ? backend.anonymous() : backend.as(call.identity);
  }

  static String keyName(Call call) {
    return Names.requireValidName("key name", call.resource);
  }

  static String pattern(Call call) {
    return Names.requireValidPattern(call.resource);
  }

  void create(Call call) {
    String name = keyName(call);
    kes(call).createKey(name);
    changed(call, name, "created");
  }

  /** The answer of a route that changed a key: 200 without a body, audited as what was done. */
  private static void changed(Call call, String name, String done) {
    call.auditMessage = "secret key '" + name + "' " + done;
    call.ok();
  }

  void importKey(Call call) {
    String name = keyName(call);
    JsonIn.Members m;
    boolean legacy;
    byte[] key;
    try {
      m = JsonIn.object(call.body("invalid import key request body"),
          "key", "cipher", "bytes", "algorithm");
      // The v0.22 shape {"bytes","algorithm"} is read when the current members are absent.
      legacy = !m.has("key") && !m.has("cipher") && (m.has("bytes") || m.has("algorithm"));
      key = legacy ? m.bytes("bytes") : m.bytes("key");
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("invalid import key request body");
    }
    try {
      String cipher;
      KeyAlgorithm algorithm;
      if (legacy) {
        cipher = m.string("algorithm");
        algorithm = cipher.isEmpty() || cipher.equals("undefined")
            ? KeyAlgorithm.AES256 : parseCipher(cipher);
        cipher = algorithm.apiName();
      } else {
        cipher = m.string("cipher");
        algorithm = parseCipher(cipher);
      }
      if (key.length != 32) {
        throw new KesException(406, "invalid key size for '" + cipher + "'");
      }
      kes(call).importKey(name, algorithm, key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    changed(call, name, "created");
  }

  private static KeyAlgorithm parseCipher(String cipher) {
    try {
      return KeyAlgorithm.parse(cipher);
    } catch (IllegalArgumentException e) {
      throw new KesException(406, "algorithm '" + cipher + "' is not supported");
    }
  }

  void describe(Call call) {
    String name = keyName(call);
    KeyInfo info = kes(call).describeKey(name);
    JsonOut out = new JsonOut().beginObject()
        .member("name", info.name())
        .member("algorithm", info.algorithm().apiName());
    out.name("created_at").value(info.createdAt(), ZoneOffset.UTC);
    out.memberOmitEmpty("created_by", info.createdBy());
    if (!info.versions().isEmpty()) {
      // Only rotated keys name versions, so that other keys answer exactly as before.
      out.member("version", info.version().orElseThrow());
      out.name("versions").beginArray();
      for (KeyInfo.Version v : info.versions()) {
        out.beginObject().member("version", v.version());
        out.name("created_at").value(v.createdAt(), ZoneOffset.UTC);
        out.memberOmitEmpty("created_by", v.createdBy()).endObject();
      }
      out.endArray();
    }
    call.json(out.endObject());
  }

  void rotate(Call call) {
    String name = keyName(call);
    String version = kes(call).rotateKey(name);
    call.auditMessage = "secret key '" + name + "' rotated to version " + version;
    call.json(new JsonOut().beginObject().member("name", name).member("version", version)
        .endObject());
  }

  void list(Call call) {
    String pattern = pattern(call);
    Listing l = kes(call).listKeys(pattern);
    JsonOut out = new JsonOut().beginObject();
    out.name("names").stringArray(l.names());
    call.json(out.memberOmitEmpty("continue_at", l.continueAt()).endObject());
  }

  void delete(Call call) {
    String name = keyName(call);
    kes(call).deleteKey(name);
    changed(call, name, "deleted");
  }

  void generate(Call call) {
    String name = keyName(call);
    byte[] body = call.body(BAD_BODY);
    byte[] context = new byte[0];
    if (body.length > 0) {
      context = members(body, "context", "version").get("context");
    }
    try (DataKey dek = kes(call).generateKey(name, context)) {
      byte[] plaintext = dek.plaintext().bytes();
      JsonOut out = new JsonOut().beginObject();
      out.name("plaintext").value(plaintext);
      Arrays.fill(plaintext, (byte) 0);
      out.name("ciphertext").value(dek.ciphertext());
      dek.version().ifPresent(v -> out.member("version", v));
      call.json(out.endObject());
    }
  }

  void encrypt(Call call) {
    String name = keyName(call);
    Bytes in = members(call.body(BAD_BODY), "plaintext", "context", "version");
    byte[] plaintext = in.get("plaintext");
    try {
      Encrypted ct = kes(call).encryptVersioned(name, plaintext, in.get("context"));
      JsonOut out = new JsonOut().beginObject().name("ciphertext").value(ct.ciphertext());
      ct.version().ifPresent(v -> out.member("version", v));
      call.json(out.endObject());
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  void decrypt(Call call) {
    String name = keyName(call);
    Bytes in = members(call.body(BAD_BODY), "ciphertext", "context", "version");
    try (SecretBytes pt = decrypt(kes(call), name, in.get("ciphertext"), in.get("context"),
        in.version())) {
      byte[] plaintext = pt.bytes();
      JsonOut out = new JsonOut().beginObject().name("plaintext").value(plaintext).endObject();
      Arrays.fill(plaintext, (byte) 0);
      call.json(out);
    }
  }

  void hmac(Call call) {
    String name = keyName(call);
    Bytes in = members(call.body(BAD_BODY), "message", "version");
    String version = in.version();
    byte[] mac = version == null
        ? kes(call).hmac(name, in.get("message"))
        : kes(call).hmac(name, in.get("message"), version);
    call.json(new JsonOut().beginObject().name("hmac").value(mac).endObject());
  }

  void bulkDecrypt(Call call) {
    String name = keyName(call);
    List<JsonIn.Members> items;
    List<byte[][]> inputs = new ArrayList<>();
    List<String> versions = new ArrayList<>();
    try {
      items = JsonIn.array(call.body(BAD_BODY), "ciphertext", "context", "version");
      if (items.size() > MAX_BULK) {
        throw new InvalidArgumentException("too many ciphertexts");
      }
      for (JsonIn.Members m : items) {
        inputs.add(new byte[][] {m.bytes("ciphertext"), m.bytes("context")});
        versions.add(new Bytes(m).version());
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(BAD_BODY);
    }
    Kes kes = kes(call);
    JsonOut out = new JsonOut().beginArray();
    for (int i = 0; i < inputs.size(); i++) {
      byte[][] in = inputs.get(i);
      try (SecretBytes pt = decrypt(kes, name, in[0], in[1], versions.get(i))) {
        byte[] plaintext = pt.bytes();
        out.beginObject().name("plaintext").value(plaintext).endObject();
        Arrays.fill(plaintext, (byte) 0);
      }
    }
    call.json(out.endArray());
  }

  private static SecretBytes decrypt(Kes kes, String name, byte[] ciphertext, byte[] context,
      String version) {
    return version == null
        ? kes.decrypt(name, ciphertext, context)
        : kes.decrypt(name, ciphertext, context, version);
  }

  /** Decoded byte members of a request body. */
  private record Bytes(JsonIn.Members members) {
    byte[] get(String name) {
      return members.bytes(name);
    }

    /**
     * The key version the request names ({@code docs/rotation.md}), or {@code null} when absent or
     * empty (kms-go leaves an empty version out).
     */
    String version() {
      String v = members.string("version");
      return v.isEmpty() ? null : v;
    }
  }

  private static Bytes members(byte[] body, String... names) {
    try {
      JsonIn.Members m = JsonIn.object(body, names);
      for (String n : names) {
        if (!n.equals("version")) {
          m.bytes(n); // check the base64 now, so that a bad member is a 400 before any work
        }
      }
      return new Bytes(m);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(BAD_BODY);
    }
  }
}
