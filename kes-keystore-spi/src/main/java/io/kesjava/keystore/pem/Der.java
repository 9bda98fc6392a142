package io.kesjava.keystore.pem;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The few DER structures kes-java reads and writes itself (X.690), with the JDK only: the elements
 * of keys and certificates, and the fields of a self-signed certificate. Not a general ASN.1
 * library: lengths up to 2^31 - 1, no indefinite lengths, tags of one byte.
 *
 * <p>Thread-safety: stateless. Errors are {@link IllegalArgumentException}s whose messages never
 * contain the bytes.
 */
public final class Der {

  /** The tag of a SEQUENCE. */
  public static final int SEQUENCE = 0x30;
  /** The tag of an INTEGER. */
  public static final int INTEGER = 0x02;
  /** The tag of an OCTET STRING. */
  public static final int OCTET_STRING = 0x04;
  /** The tag of an OBJECT IDENTIFIER. */
  public static final int OID = 0x06;
  /** The tag of a BIT STRING. */
  public static final int BIT_STRING = 0x03;

  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private Der() {}

  /**
   * One element of DER bytes.
   *
   * @param tag its tag byte
   * @param start where its tag stands
   * @param contentStart where its content starts
   * @param end the index after its content
   */
  public record Element(int tag, int start, int contentStart, int end) {

    /** A copy of the content bytes of this element of {@code der}. */
    public byte[] content(byte[] der) {
      return Arrays.copyOfRange(der, contentStart, end);
    }

    /** A copy of the whole element, tag and length included. */
    public byte[] encoded(byte[] der) {
      return Arrays.copyOfRange(der, start, end);
    }
  }

  /**
   * Reads the element at {@code offset}.
   *
   * @throws IllegalArgumentException {@code malformed DER} if it does not fit in {@code der}
   */
  public static Element read(byte[] der, int offset) {
    if (offset < 0 || offset + 2 > der.length) {
      throw new IllegalArgumentException("malformed DER");
    }
    int tag = der[offset] & 0xff;
    int len = der[offset + 1] & 0xff;
    int content = offset + 2;
    if (len >= 0x80) {
      int n = len & 0x7f;
      if (n == 0 || n > 4 || content + n > der.length) {
        throw new IllegalArgumentException("malformed DER");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (der[content + i] & 0xff);
      }
      content += n;
    }
    if (len < 0 || content + len > der.length) {
      throw new IllegalArgumentException("malformed DER");
    }
    return new Element(tag, offset, content, content + len);
  }

  /**
   * Reads the element at {@code offset} and checks its tag.
   *
   * @throws IllegalArgumentException {@code malformed DER} if it does not fit or has another tag
   */
  public static Element read(byte[] der, int offset, int tag) {
    Element e = read(der, offset);
    if (e.tag() != tag) {
      throw new IllegalArgumentException("malformed DER");
    }
    return e;
  }

  /**
   * The elements inside a constructed element, in order.
   *
   * @throws IllegalArgumentException {@code malformed DER} if they do not fill it exactly
   */
  public static List<Element> children(byte[] der, Element parent) {
    List<Element> out = new ArrayList<>();
    int p = parent.contentStart();
    while (p < parent.end()) {
      Element child = read(der, p);
      if (child.end() > parent.end()) {
        throw new IllegalArgumentException("malformed DER");
      }
      out.add(child);
      p = child.end();
    }
    return out;
  }

  /**
   * The one element that {@code der} consists of.
   *
   * @throws IllegalArgumentException {@code malformed DER} if there is more or less
   */
  public static Element whole(byte[] der, int tag) {
    Element e = read(der, 0, tag);
    if (e.end() != der.length) {
      throw new IllegalArgumentException("malformed DER");
    }
    return e;
  }

  /**
   * The bytes of {@code tbsCertificate.subjectPublicKeyInfo} of a DER certificate, header
   * included, exactly as they stand (a decoder that re-encodes could change non-canonical bytes).
   *
   * @throws IllegalArgumentException if the bytes are not a certificate
   */
  public static byte[] subjectPublicKeyInfo(byte[] certificate) {
    try {
      Element cert = read(certificate, 0, SEQUENCE);
      Element tbs = read(certificate, cert.contentStart(), SEQUENCE);
      int pos = tbs.contentStart();
      if ((certificate[pos] & 0xff) == 0xa0) { // [0] EXPLICIT version
        pos = read(certificate, pos).end();
      }
      pos = read(certificate, pos, INTEGER).end(); // serialNumber
      pos = read(certificate, pos, SEQUENCE).end(); // signature
      pos = read(certificate, pos, SEQUENCE).end(); // issuer
      pos = read(certificate, pos, SEQUENCE).end(); // validity
      pos = read(certificate, pos, SEQUENCE).end(); // subject
      return read(certificate, pos, SEQUENCE).encoded(certificate);
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("not a DER certificate");
    }
  }

  /** The dotted form of an OBJECT IDENTIFIER's content, such as {@code 1.3.101.112}. */
  public static String oidToString(byte[] content) {
    StringBuilder sb = new StringBuilder();
    BigInteger value = BigInteger.ZERO;
    boolean first = true;
    for (byte b : content) {
      value = value.shiftLeft(7).or(BigInteger.valueOf(b & 0x7f));
      if ((b & 0x80) != 0) {
        continue;
      }
      if (first) {
        int v = value.min(BigInteger.valueOf(80)).intValue();
        int arc = v < 40 ? 0 : v < 80 ? 1 : 2;
        sb.append(arc).append('.').append(value.subtract(BigInteger.valueOf(40L * arc)));
        first = false;
      } else {
        sb.append('.').append(value);
      }
      value = BigInteger.ZERO;
    }
    return sb.toString();
  }

  // ---- writing ----

  /** An element of {@code tag} with the concatenation of {@code parts} as its content. */
  public static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    int len = content.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream(len + 6);
    out.write(tag);
    if (len < 0x80) {
      out.write(len);
    } else {
      int n = len < 0x100 ? 1 : len < 0x10000 ? 2 : len < 0x1000000 ? 3 : 4;
      out.write(0x80 | n);
      for (int i = n - 1; i >= 0; i--) {
        out.write(len >>> (8 * i));
      }
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }

  /** A SEQUENCE of {@code parts}. */
  public static byte[] sequence(byte[]... parts) {
    return tlv(SEQUENCE, parts);
  }

  /** An INTEGER. */
  public static byte[] integer(BigInteger value) {
    return tlv(INTEGER, value.toByteArray());
  }

  /** An OCTET STRING. */
  public static byte[] octetString(byte[] content) {
    return tlv(OCTET_STRING, content);
  }

  /** A BIT STRING of whole bytes. */
  public static byte[] bitString(byte[] bytes) {
    return tlv(BIT_STRING, new byte[] {0}, bytes);
  }

  /** An OBJECT IDENTIFIER from its dotted form, such as {@code 2.5.4.3}. */
  public static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    if (arcs.length < 2) {
      throw new IllegalArgumentException("an OID has two arcs at least");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    base128(out, new BigInteger(arcs[0]).multiply(BigInteger.valueOf(40))
        .add(new BigInteger(arcs[1])));
    for (int i = 2; i < arcs.length; i++) {
      base128(out, new BigInteger(arcs[i]));
    }
    return tlv(OID, out.toByteArray());
  }

  /** A UTF8String. */
  public static byte[] utf8String(String s) {
    return tlv(0x0c, s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A time as X.509 wants it (RFC 5280, 4.1.2.5): UTCTime through 2049, GeneralizedTime from 2050,
   * to the second.
   */
  public static byte[] time(Instant instant) {
    int year = instant.atZone(ZoneOffset.UTC).getYear();
    if (year >= 1950 && year < 2050) {
      return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }
    return tlv(0x18, GENERALIZED_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
  }

  /** A context-specific constructed element {@code [n]} (EXPLICIT tagging). */
  public static byte[] explicit(int n, byte[]... parts) {
    return tlv(0xa0 | n, parts);
  }

  private static void base128(ByteArrayOutputStream out, BigInteger value) {
    int groups = Math.max(1, (value.bitLength() + 6) / 7);
    for (int i = groups - 1; i >= 0; i--) {
      int b = value.shiftRight(7 * i).intValue() & 0x7f;
      out.write(i > 0 ? b | 0x80 : b);
    }
  }
}
