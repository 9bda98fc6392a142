package io.kesjava.keystore.pem;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one PEM codec of kes-java, shared by the server, the client and the key stores (JDK only).
 * Splits text into PEM blocks (RFC 7468, with RFC 1421 headers) and writes them. Text before,
 * between and after blocks is ignored when it contains no {@code -----BEGIN}, as Go's {@code
 * pem.Decode} skips it; a block that does not end properly is an error.
 */
public final class PemCodec {

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  private PemCodec() {}

  /**
   * All blocks of {@code text}, in order.
   *
   * @throws PemException if a block is malformed
   */
  public static List<PemBlock> decode(String text) {
    List<PemBlock> blocks = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    int i = 0;
    while (i < lines.length) {
      String line = lines[i];
      if (!line.startsWith(BEGIN)) {
        i++;
        continue;
      }
      int beginLine = i + 1;
      String type = label(line, BEGIN, beginLine);
      i++;
      Map<String, String> headers = new LinkedHashMap<>();
      StringBuilder body = new StringBuilder();
      boolean ended = false;
      boolean inHeaders = true;
      for (; i < lines.length; i++) {
        String l = lines[i];
        if (l.startsWith(END)) {
          String endType = label(l, END, i + 1);
          if (!endType.equals(type)) {
            throw new PemException(
                "malformed PEM data: block '" + type + "' at line " + beginLine + " ends as '" + endType + "'");
          }
          ended = true;
          i++;
          break;
        }
        if (l.startsWith(BEGIN)) {
          break;
        }
        if (inHeaders) {
          int colon = l.indexOf(':');
          if (colon > 0) {
            headers.put(l.substring(0, colon).trim(), l.substring(colon + 1).trim());
            continue;
          }
          inHeaders = false;
        }
        body.append(l.strip());
      }
      if (!ended) {
        throw new PemException("malformed PEM data: block '" + type + "' at line " + beginLine + " has no valid end line");
      }
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(body.toString());
      } catch (IllegalArgumentException e) {
        throw new PemException("malformed PEM data: block '" + type + "' at line " + beginLine + " is not valid base64");
      }
      blocks.add(new PemBlock(type, headers, bytes));
    }
    return blocks;
  }

  private static String label(String line, String prefix, int lineNumber) {
    String rest = line.stripTrailing();
    if (!rest.endsWith(DASHES) || rest.length() < prefix.length() + DASHES.length()) {
      throw new PemException("malformed PEM data: invalid boundary at line " + lineNumber);
    }
    String label = rest.substring(prefix.length(), rest.length() - DASHES.length());
    if (label.contains("-----")) {
      throw new PemException("malformed PEM data: invalid boundary at line " + lineNumber);
    }
    return label;
  }

  /** One PEM block with 64-character lines and a final newline. */
  public static String encode(String type, Map<String, String> headers, byte[] bytes) {
    StringBuilder out = new StringBuilder();
    out.append(BEGIN).append(type).append(DASHES).append('\n');
    if (!headers.isEmpty()) {
      headers.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
      out.append('\n');
    }
    String b64 = Base64.getEncoder().encodeToString(bytes);
    for (int i = 0; i < b64.length(); i += 64) {
      out.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
    }
    out.append(END).append(type).append(DASHES).append('\n');
    return out.toString();
  }

  /**
   * One PEM block of {@code type} with {@code der} encrypted by the legacy RFC 1423 scheme with
   * AES-256-CBC ({@code Proc-Type: 4,ENCRYPTED}), as {@code kes identity new --encrypt} writes keys.
   * The scheme derives the key from the password with a single MD5 round: use a strong password.
   *
   * @param password not empty; not kept
   */
  public static String encodeLegacyEncrypted(String type, byte[] der, char[] password) {
    return LegacyPemEncryption.encrypt(type, der, password);
  }

  /**
   * Whether {@code text} has non-whitespace after its last PEM block (or any, without blocks). Go's
   * {@code pem.Decode} skips text before a block but KES rejects a file that ends in such text.
   */
  public static boolean hasTrailingText(String text) {
    int end = text.lastIndexOf(END);
    if (end < 0) {
      return !text.isBlank();
    }
    int lineEnd = text.indexOf('\n', end);
    return lineEnd >= 0 && !text.substring(lineEnd).isBlank();
  }
}
