package io.kesjava.crypto;

import java.nio.charset.StandardCharsets;

/**
 * A ciphertext in one of the two legacy formats that must still decrypt ({@code
 * docs/formats.md#ciphertexts}): the MessagePack array of v0.20 to v0.22 and the JSON object of
 * v0.19 and earlier. Parsing yields the algorithm the ciphertext names and the equivalent
 * current-format bytes {@code sealed || iv || nonce}.
 *
 * <p>A parse that fails returns {@code null}: the input is then treated as a current-format
 * ciphertext, never reported as a different error.
 */
final class LegacyCiphertext {

  private static final int MSGPACK_FIXARRAY_5 = 0x95;

  private final KeyAlgorithm algorithm;
  private final byte[] canonical;

  private LegacyCiphertext(KeyAlgorithm algorithm, byte[] sealed, byte[] iv, byte[] nonce) {
    this.algorithm = algorithm;
    this.canonical = new byte[sealed.length + iv.length + nonce.length];
    System.arraycopy(sealed, 0, canonical, 0, sealed.length);
    System.arraycopy(iv, 0, canonical, sealed.length, iv.length);
    System.arraycopy(nonce, 0, canonical, sealed.length + iv.length, nonce.length);
  }

  /**
   * The algorithm written into the ciphertext (ignored unless the key has no algorithm of its own,
   * see {@link MasterKey#isAlgorithmUndefined()}).
   */
  KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** The same ciphertext in the current format, {@code sealed || iv || nonce}. */
  byte[] canonical() {
    return canonical;
  }

  /**
   * Parses {@code c} as a legacy ciphertext when its first byte selects one: {@code 0x95}
   * (MessagePack) or {@code 0x7B} (JSON).
   *
   * @return the parsed ciphertext, or {@code null} if {@code c} is not a valid legacy ciphertext
   */
  static LegacyCiphertext parse(byte[] c) {
    if (c.length == 0) {
      return null;
    }
    if ((c[0] & 0xff) == MSGPACK_FIXARRAY_5) {
      return parseMsgpack(c);
    }
    if (c[0] == '{' && endsWithBrace(c)) {
      return parseJson(c);
    }
    return null;
  }

  /**
   * Whether the last byte other than JSON whitespace is <code>'}'</code>, as in every JSON object:
   * a current-format ciphertext that happens to start with <code>'{'</code> (one in 256) is
   * told apart without a parse that fails with an exception (one in 65,536 still parses).
   */
  private static boolean endsWithBrace(byte[] c) {
    int i = c.length - 1;
    while (i > 0 && (c[i] == ' ' || c[i] == '\t' || c[i] == '\n' || c[i] == '\r')) {
      i--;
    }
    return c[i] == '}';
  }

  /** MessagePack: [algorithm str, id str, iv bin(16), nonce bin(12), sealed bin], nothing after. */
  private static LegacyCiphertext parseMsgpack(byte[] c) {
    MsgpackReader r = new MsgpackReader(c, 1);
    String name = r.string();
    r.string(); // the legacy key id: ignored by the current server
    byte[] iv = r.bin();
    byte[] nonce = r.bin();
    byte[] sealed = r.bin();
    if (r.failed()
        || !r.atEnd()
        || iv.length != Primitives.IV_LENGTH
        || nonce.length != Primitives.NONCE_LENGTH) {
      return null;
    }
    KeyAlgorithm algorithm;
    try {
      algorithm = KeyAlgorithm.parse(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return new LegacyCiphertext(algorithm, sealed, iv, nonce);
  }

  /** JSON: {"aead", "id"?, "iv", "nonce", "bytes"}, one object and nothing else. */
  private static LegacyCiphertext parseJson(byte[] c) {
    try {
      Object value = Json.parse(c);
      if (!(value instanceof Json.Obj)) {
        return null;
      }
      Json.Obj obj = (Json.Obj) value;
      KeyAlgorithm algorithm = aeadAlgorithm(obj.string("aead"));
      obj.string("id"); // type-checked as Go does, then ignored
      byte[] iv = StrictBase64.decode(obj.string("iv"));
      byte[] nonce = StrictBase64.decode(obj.string("nonce"));
      byte[] sealed = StrictBase64.decode(obj.string("bytes"));
      if (algorithm == null
          || iv.length != Primitives.IV_LENGTH
          || nonce.length != Primitives.NONCE_LENGTH) {
        return null;
      }
      return new LegacyCiphertext(algorithm, sealed, iv, nonce);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static KeyAlgorithm aeadAlgorithm(String aead) {
    switch (aead) {
      case "AES-256-GCM-HMAC-SHA-256":
        return KeyAlgorithm.AES256;
      case "ChaCha20Poly1305":
        return KeyAlgorithm.CHACHA20;
      default:
        return null;
    }
  }

  /** Reads the few MessagePack types of the legacy format; any violation sets {@link #failed()}. */
  private static final class MsgpackReader {
    private static final byte[] NONE = new byte[0];

    private final byte[] in;
    private int pos;
    private boolean failed;

    MsgpackReader(byte[] in, int pos) {
      this.in = in;
      this.pos = pos;
    }

    boolean failed() {
      return failed;
    }

    boolean atEnd() {
      return pos == in.length;
    }

    /** A str (fixstr, str8, str16, str32) as UTF-8 text, or "" after a failure. */
    String string() {
      int type = u8();
      long length;
      if (type >= 0xa0 && type <= 0xbf) {
        length = type & 0x1f;
      } else if (type == 0xd9) {
        length = u8();
      } else if (type == 0xda) {
        length = uint(2);
      } else if (type == 0xdb) {
        length = uint(4);
      } else {
        failed = true;
        return "";
      }
      return new String(take(length), StandardCharsets.UTF_8);
    }

    /** A bin (bin8, bin16, bin32), or an empty array after a failure. */
    byte[] bin() {
      int type = u8();
      long length;
      if (type == 0xc4) {
        length = u8();
      } else if (type == 0xc5) {
        length = uint(2);
      } else if (type == 0xc6) {
        length = uint(4);
      } else {
        failed = true;
        return NONE;
      }
      return take(length);
    }

    private int u8() {
      return (int) uint(1);
    }

    private long uint(int bytes) {
      if (failed || in.length - pos < bytes) {
        failed = true;
        return 0;
      }
      long v = 0;
      for (int i = 0; i < bytes; i++) {
        v = (v << 8) | (in[pos++] & 0xff);
      }
      return v;
    }

    private byte[] take(long length) {
      if (failed || in.length - pos < length) {
        failed = true;
        return NONE;
      }
      byte[] out = new byte[(int) length];
      System.arraycopy(in, pos, out, 0, out.length);
      pos += out.length;
      return out;
    }
  }
}
