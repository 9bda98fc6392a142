package io.kesjava.keystore.common;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads PEM certificates and private keys with the JDK alone: PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}) and SEC 1 ({@code EC PRIVATE KEY}) keys, as OpenSSL and the vendors'
 * docs write them. Encrypted keys are not supported.
 *
 * <p>Shared plumbing of the key-store backends (the CAs of {@code tls.ca}, Vault's client
 * certificate), not an API for applications: see the {@linkplain io.kesjava.keystore.common
 * package}. Thread-safety: stateless.
 */
public final class Pem {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

  // DER of the algorithm identifiers wrapped around PKCS#1 and SEC 1 keys.
  private static final byte[] RSA_ALGORITHM =
      hex("300d06092a864886f70d0101010500"); // SEQ { rsaEncryption, NULL }
  private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201"); // id-ecPublicKey

  private Pem() {}

  /**
   * The files a CA setting names: the regular files of a directory, sorted by name, or the path
   * itself when it is not a directory.
   *
   * @throws IOException if the directory cannot be listed
   */
  public static List<Path> files(Path fileOrDirectory) throws IOException {
    if (!Files.isDirectory(fileOrDirectory)) {
      return List.of(fileOrDirectory);
    }
    try (Stream<Path> entries = Files.list(fileOrDirectory)) {
      return entries.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /**
   * All {@code CERTIFICATE} blocks of {@code pem}; empty if there are none.
   *
   * @throws GeneralSecurityException if a block is not a valid X.509 certificate
   * @throws IllegalArgumentException if a block is not valid Base64
   */
  public static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      if (m.group(1).equals("CERTIFICATE")) {
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
    }
    return out;
  }

  /**
   * The first private key of {@code pem}.
   *
   * @throws GeneralSecurityException if there is none, it is encrypted or cannot be decoded; the
   *     message never contains key bytes
   */
  public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      String type = m.group(1);
      if (!type.endsWith("PRIVATE KEY")) {
        continue;
      }
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      try {
        switch (type) {
          case "PRIVATE KEY":
            return pkcs8(der);
          case "RSA PRIVATE KEY":
            return pkcs8(sequence(integer0(), RSA_ALGORITHM, octetString(der)));
          case "EC PRIVATE KEY":
            byte[] algorithm = sequence(EC_PUBLIC_KEY_OID, curveOf(der));
            return pkcs8(sequence(integer0(), algorithm, octetString(der)));
          default:
            throw new GeneralSecurityException("unsupported private key type '" + type + "'");
        }
      } finally {
        Arrays.fill(der, (byte) 0);
      }
    }
    throw new GeneralSecurityException("no PEM-encoded private key found");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException | RuntimeException e) {
        // not this algorithm; try the next
      }
    }
    throw new GeneralSecurityException("unsupported or malformed private key");
  }

  /**
   * The named-curve OID of a SEC 1 ECPrivateKey: from its {@code [0]} parameters, which OpenSSL
   * always writes, else guessed from the private key's length (P-256, P-384, P-521).
   */
  private static byte[] curveOf(byte[] sec1) throws GeneralSecurityException {
    Der outer = new Der(sec1, 0);
    if (outer.tag != 0x30) {
      throw new GeneralSecurityException("malformed EC private key");
    }
    int keyLength = -1;
    int p = outer.contentStart;
    while (p < outer.end) {
      Der child = new Der(sec1, p);
      if (child.tag == 0x04) {
        keyLength = child.end - child.contentStart;
      } else if (child.tag == 0xa0) {
        Der oid = new Der(sec1, child.contentStart);
        if (oid.tag == 0x06) {
          return Arrays.copyOfRange(sec1, child.contentStart, oid.end);
        }
      }
      p = child.end;
    }
    switch (keyLength) {
      case 32:
        return hex("06082a8648ce3d030107"); // secp256r1
      case 48:
        return hex("06052b81040022"); // secp384r1
      case 65:
      case 66:
        return hex("06052b81040023"); // secp521r1
      default:
        throw new GeneralSecurityException("EC private key without a named curve");
    }
  }

  /** One DER element: tag, where its content starts and where it ends. */
  private static final class Der {
    final int tag;
    final int contentStart;
    final int end;

    Der(byte[] der, int offset) throws GeneralSecurityException {
      try {
        tag = der[offset] & 0xff;
        int len = der[offset + 1] & 0xff;
        int p = offset + 2;
        if (len > 0x80) {
          int n = len - 0x80;
          if (n > 3) {
            throw new GeneralSecurityException("malformed DER length");
          }
          len = 0;
          for (int i = 0; i < n; i++) {
            len = (len << 8) | (der[p++] & 0xff);
          }
        } else if (len == 0x80) {
          throw new GeneralSecurityException("indefinite DER length");
        }
        contentStart = p;
        end = p + len;
        if (end > der.length) {
          throw new GeneralSecurityException("truncated DER");
        }
      } catch (ArrayIndexOutOfBoundsException e) {
        throw new GeneralSecurityException("truncated DER");
      }
    }
  }

  private static byte[] integer0() {
    return new byte[] {0x02, 0x01, 0x00};
  }

  private static byte[] octetString(byte[] content) {
    return tlv(0x04, content);
  }

  private static byte[] sequence(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return tlv(0x30, out.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write(len >> 8);
      out.write(len);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
