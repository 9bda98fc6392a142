package io.kesjava.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;

/**
 * The protobuf {@code miniohq.kms.KeyVersion} of {@code docs/formats.md#stored-keys}, written and
 * read by hand: four messages of a few fields do not justify a protobuf runtime.
 *
 * <p>Encoding is byte-exact with KES: fields in ascending order, proto3 defaults omitted, embedded
 * messages always written, minimal varints. Decoding skips unknown fields (and known fields with an
 * unexpected wire type, as protobuf-go does), merges repeated embedded messages, and rejects a
 * version without a secret key or an HMAC key.
 */
final class KeyVersionProto {

  private static final int VARINT = ProtoReader.VARINT;
  private static final int LEN = ProtoReader.LEN;
  private static final int HASH_SHA256 = 1;

  private KeyVersionProto() {}

  /** Encodes a version that has an HMAC key; the caller zeroes the result. */
  static byte[] encode(KeyVersion version) {
    HmacKey hmacKey = version.hmacKey().orElseThrow();
    ProtoWriter secretKey = new ProtoWriter();
    ProtoWriter hmac = new ProtoWriter();
    ProtoWriter timestamp = new ProtoWriter();
    ProtoWriter out = new ProtoWriter();
    try (SecretBytes k = version.key().secret(); SecretBytes h = hmacKey.secret()) {
      secretKey.bytesField(1, k.borrow());
      secretKey.varintField(2, version.key().algorithm().protoType());
      hmac.bytesField(1, h.borrow());
      hmac.varintField(2, HASH_SHA256);
      timestamp.varintField(1, version.createdAt().getEpochSecond());
      timestamp.varintField(2, version.createdAt().getNano());
      out.messageField(1, secretKey);
      out.messageField(2, hmac);
      out.messageField(3, timestamp);
      if (!version.createdBy().isEmpty()) {
        out.bytesField(4, version.createdBy().getBytes(StandardCharsets.UTF_8));
      }
      return out.toByteArray();
    } finally {
      secretKey.wipe();
      hmac.wipe();
      out.wipe();
    }
  }

  /**
   * Decodes a protobuf {@code KeyVersion}.
   *
   * @throws InvalidKeyVersionException if it is malformed or out of range
   */
  static KeyVersion decode(byte[] in) {
    byte[] secretKeyMsg = null;
    byte[] hmacMsg = null;
    byte[] timestampMsg = null;
    byte[] createdBy = new byte[0];
    KeyField secretKey = null;
    KeyField hmacKey = null;
    try {
      ProtoReader r = new ProtoReader(in);
      while (r.next()) {
        if (r.wire() != LEN || r.field() > 4) {
          r.skip();
          continue;
        }
        byte[] value = r.lengthDelimited();
        switch (r.field()) {
          case 1:
            secretKeyMsg = concat(secretKeyMsg, value);
            break;
          case 2:
            hmacMsg = concat(hmacMsg, value);
            break;
          case 3:
            timestampMsg = concat(timestampMsg, value);
            break;
          default:
            createdBy = value;
        }
      }
      if (secretKeyMsg == null) {
        throw InvalidKeyVersionException.invalid("no secret key");
      }
      if (hmacMsg == null) {
        throw InvalidKeyVersionException.invalid("no HMAC key");
      }
      secretKey = keyField(secretKeyMsg);
      hmacKey = keyField(hmacMsg);
      if (secretKey.key.length != MasterKey.KEY_LENGTH) {
        throw new InvalidKeyVersionException(
            "crypto: invalid secret key length '" + secretKey.key.length + "'");
      }
      KeyAlgorithm algorithm;
      try {
        algorithm = KeyAlgorithm.ofProtoType((int) secretKey.type);
      } catch (IllegalArgumentException e) {
        throw new InvalidKeyVersionException(
            "crypto: invalid secret key type '" + secretKey.type + "'");
      }
      if (hmacKey.key.length != HmacKey.KEY_LENGTH) {
        throw new InvalidKeyVersionException(
            "crypto: invalid HMAC key length '" + hmacKey.key.length + "'");
      }
      if (hmacKey.type != HASH_SHA256) {
        throw new InvalidKeyVersionException("crypto: invalid HMAC hash '" + hmacKey.type + "'");
      }
      Instant createdAt = timestamp(timestampMsg);
      String creator = utf8(createdBy);
      try (SecretBytes k = SecretBytes.wrap(secretKey.key);
          SecretBytes h = SecretBytes.wrap(hmacKey.key)) {
        return new KeyVersion(
            MasterKey.of(algorithm, k), HmacKey.of(h), createdAt, creator, false);
      }
    } finally {
      wipe(secretKeyMsg);
      wipe(hmacMsg);
      if (secretKey != null) {
        wipe(secretKey.key);
      }
      if (hmacKey != null) {
        wipe(hmacKey.key);
      }
    }
  }

  /** The {@code Key = 1} and {@code Type/Hash = 2} fields that SecretKey and HMACKey share. */
  private static KeyField keyField(byte[] msg) {
    KeyField f = new KeyField();
    ProtoReader r = new ProtoReader(msg);
    while (r.next()) {
      if (r.field() == 1 && r.wire() == LEN) {
        wipe(f.key);
        f.key = r.lengthDelimited();
      } else if (r.field() == 2 && r.wire() == VARINT) {
        f.type = r.varint() & 0xffff_ffffL; // uint32
      } else {
        r.skip();
      }
    }
    return f;
  }

  private static Instant timestamp(byte[] msg) {
    long seconds = 0;
    int nanos = 0;
    if (msg != null) {
      ProtoReader r = new ProtoReader(msg);
      while (r.next()) {
        if (r.field() == 1 && r.wire() == VARINT) {
          seconds = r.varint(); // int64
        } else if (r.field() == 2 && r.wire() == VARINT) {
          nanos = (int) r.varint(); // int32
        } else {
          r.skip();
        }
      }
    }
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException | ArithmeticException e) {
      throw InvalidKeyVersionException.invalid("creation time out of range");
    }
  }

  private static String utf8(byte[] b) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw InvalidKeyVersionException.invalid("created_by is not valid UTF-8");
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    if (a == null) {
      return b;
    }
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    wipe(a);
    wipe(b);
    return c;
  }

  private static void wipe(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }

  private static final class KeyField {
    byte[] key = new byte[0];
    long type;
  }
}
