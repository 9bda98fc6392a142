package io.kesjava.server.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Client IP texts as Go prints them: IPv4 dotted, IPv6 in RFC 5952 form; and the client address a
 * TLS proxy forwards in {@code X-Forwarded-For} ({@code docs/http-api.md#conventions}).
 *
 * <p>Thread-safety: stateless.
 */
final class Addresses {

  private Addresses() {}

  static String text(InetSocketAddress peer) {
    if (peer == null || peer.getAddress() == null) {
      return "";
    }
    return text(peer.getAddress());
  }

  static String text(InetAddress a) {
    if (!(a instanceof Inet6Address)) {
      return a.getHostAddress();
    }
    byte[] b = a.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen && j - i >= 2) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  /**
   * The client IP of the first {@code X-Forwarded-For} element (port optional; {@code unknown} and
   * unparsable values ignored), or {@code null}.
   */
  static String forwardedFor(List<String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    String first = values.get(0).split(",", 2)[0].trim();
    if (first.isEmpty() || first.equalsIgnoreCase("unknown")) {
      return null;
    }
    String host = first;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        return null;
      }
      host = host.substring(1, close);
    } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      host = host.substring(0, host.indexOf(':'));
    }
    if (!isIpLiteral(host)) {
      return null;
    }
    try {
      return text(InetAddress.getByName(host));
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  /** Only literals: never resolve a name from a header. */
  private static boolean isIpLiteral(String s) {
    if (s.isEmpty()) {
      return false;
    }
    if (s.indexOf(':') >= 0) {
      return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
          || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
