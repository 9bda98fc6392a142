package io.kesjava.core;

import io.kesjava.crypto.InvalidKeyVersionException;
import io.kesjava.crypto.KeyVersion;
import io.kesjava.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-store entries of rotated keys ({@code docs/formats.md#key-versions}): version 1 of a key
 * is the key's own entry, exactly as KES stores it; each later version {@code N} is an entry named
 * {@code <name>-v<N>-}, which no KES key can take (key names never end with {@code -}) and which
 * every key store that holds the key accepts (it adds only letters, digits and {@code -}; at most
 * 92 characters in all).
 *
 * <p>The entry's value is one line of ASCII JSON: {@code {"version":N,"bound_to":"<tag>","key":
 * "<stored key>"}}, where the stored key is the version in KES's own stored form (base64 protobuf)
 * and the tag is the first 16 bytes, in lowercase hex, of HMAC-SHA256 over a fixed label keyed
 * with version 1's secret key. The tag binds the entry to one incarnation of the key: an entry
 * left over from a deleted key of the same name does not match the new key's tag and is ignored.
 * The tag reveals nothing of the key (a one-way function of it) and is never logged.
 *
 * <p>Thread-safety: stateless.
 */
final class VersionEntries {

  /** The highest version number a key may have; a bound for probing, far above any real use. */
  static final int MAX_VERSION = 100_000_000;

  private static final byte[] LABEL =
      "kes-java key version binding 1".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern ENTRY_NAME = Pattern.compile("(.+)-v([1-9][0-9]{0,8})-");
  private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");
  /** The part of a value before the key: no key material, so it may be a String. */
  private static final Pattern HEAD =
      Pattern.compile("\\{\"version\":([1-9][0-9]{0,8}),\"bound_to\":\"([0-9a-f]{32})\",");
  private static final byte[] KEY_MEMBER = "\"key\":\"".getBytes(StandardCharsets.US_ASCII);

  private VersionEntries() {}

  /** The entry name of version {@code n >= 2} of key {@code name}. */
  static String entryName(String name, int n) {
    return name + "-v" + n + "-";
  }

  /** Whether {@code entry} is the name of a version entry: such names are hidden from listings. */
  static boolean isEntryName(String entry) {
    return entry.endsWith("-") && ENTRY_NAME.matcher(entry).matches();
  }

  /**
   * Parses a version as the API takes it: a positive decimal without sign or leading zeros.
   *
   * @throws InvalidArgumentException if it is not one
   */
  static int parseVersion(String version) {
    if (version.length() > 9 || !VERSION.matcher(version).matches()) {
      throw new InvalidArgumentException(
          "invalid key version: a version is a positive decimal number such as '1'");
    }
    int n = Integer.parseInt(version);
    if (n > MAX_VERSION) {
      throw new InvalidArgumentException(
          "invalid key version: a version is a positive decimal number such as '1'");
    }
    return n;
  }

  /** The tag that binds version entries to the key whose version 1 is {@code base}. */
  static String tag(KeyVersion base) {
    try (SecretBytes secret = base.key().secret()) {
      byte[] k = secret.bytes();
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(k, "HmacSHA256"));
        byte[] full = mac.doFinal(LABEL);
        String hex = HexFormat.of().formatHex(full, 0, 16);
        Arrays.fill(full, (byte) 0);
        return hex;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available", e);
      } finally {
        Arrays.fill(k, (byte) 0);
      }
    }
  }

  /** Encodes version {@code n} bound to {@code tag}; the result holds key material: zero it. */
  static byte[] encode(int n, String tag, KeyVersion version) {
    byte[] key = version.encode();
    byte[] head =
        ("{\"version\":" + n + ",\"bound_to\":\"" + tag + "\",\"key\":\"")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + key.length + 2];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(key, 0, out, head.length, key.length);
    out[out.length - 2] = '"';
    out[out.length - 1] = '}';
    Arrays.fill(key, (byte) 0);
    return out;
  }

  /**
   * Decodes a version entry if it is version {@code n} bound to {@code tag}.
   *
   * @return the version, or {@code null} if the entry belongs to another incarnation of the key or
   *     is not a version entry at all
   */
  static KeyVersion decode(byte[] stored, int n, String tag) {
    // The key is copied out of the stored bytes and zeroed after parsing; only the head, which
    // holds no key material, becomes a String.
    int keyMember = indexOf(stored, KEY_MEMBER);
    if (keyMember < 0 || stored.length < keyMember + KEY_MEMBER.length + 3
        || stored[stored.length - 2] != '"' || stored[stored.length - 1] != '}') {
      return null;
    }
    Matcher m = HEAD.matcher(new String(stored, 0, keyMember, StandardCharsets.US_ASCII));
    if (!m.matches() || !m.group(1).equals(Integer.toString(n))) {
      return null;
    }
    if (!MessageDigest.isEqual(
        m.group(2).getBytes(StandardCharsets.US_ASCII),
        tag.getBytes(StandardCharsets.US_ASCII))) {
      return null;
    }
    byte[] key = Arrays.copyOfRange(stored, keyMember + KEY_MEMBER.length, stored.length - 2);
    try {
      for (byte b : key) {
        if (!isBase64(b)) {
          return null;
        }
      }
      return KeyVersion.parse(key);
    } catch (InvalidKeyVersionException e) {
      return null;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static boolean isBase64(byte b) {
    return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
        || b == '+' || b == '/' || b == '=';
  }

  /** The first index of {@code part} in {@code in}, or -1. */
  private static int indexOf(byte[] in, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= in.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (in[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
