package io.kesjava.server.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A listen address {@code [ip]:port} as KES accepts it ({@code docs/configuration.md#top-level}):
 * the host must be empty (all interfaces) or an IP literal, IPv6 in brackets; host names are
 * rejected.
 *
 * @param host the IP literal as written (without brackets), or empty for all interfaces
 * @param port the TCP port, 0 to 65535
 *
 * <p>Thread-safety: immutable.
 */
public record ListenAddress(String host, int port) {

  /** The address {@code kes server} uses when neither the file nor {@code --addr} sets one. */
  public static final String DEFAULT = "0.0.0.0:7373";

  /** @throws IllegalArgumentException if the port is outside 0 to 65535 */
  public ListenAddress {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("invalid port " + port);
    }
  }

  /**
   * Parses {@code [ip]:port}.
   *
   * @throws IllegalArgumentException with a message such as {@code 'localhost' is not a valid IP
   *     address} or {@code address 7373: missing port in address}
   */
  public static ListenAddress parse(String address) {
    Objects.requireNonNull(address, "address");
    String host;
    String port;
    if (address.startsWith("[")) {
      int close = address.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("address " + address + ": missing ']' in address");
      }
      host = address.substring(1, close);
      String rest = address.substring(close + 1);
      if (!rest.startsWith(":")) {
        throw new IllegalArgumentException("address " + address + ": missing port in address");
      }
      port = rest.substring(1);
    } else {
      int colon = address.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("address " + address + ": missing port in address");
      }
      host = address.substring(0, colon);
      if (host.contains(":")) {
        throw new IllegalArgumentException("address " + address + ": too many colons in address");
      }
      port = address.substring(colon + 1);
    }
    if (!host.isEmpty() && !isIpLiteral(host)) {
      throw new IllegalArgumentException("'" + host + "' is not a valid IP address");
    }
    if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException("address " + address + ": invalid port '" + port + "'");
    }
    return new ListenAddress(host, Integer.parseInt(port));
  }

  /** The socket address to bind: the wildcard address when the host is empty. */
  public InetSocketAddress toSocketAddress() {
    if (host.isEmpty()) {
      return new InetSocketAddress(port);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // an IP literal needs no lookup
    }
  }

  /** {@code host:port}, with brackets around an IPv6 host. */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static boolean isIpLiteral(String host) {
    if (host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      for (String part : host.split("\\.")) {
        if (Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
          return false;
        }
      }
      return true;
    }
    if (host.contains(":") && host.matches("[0-9A-Fa-f:.]+")) {
      try {
        InetAddress.getByName(host); // a literal with ':' is never looked up
        return true;
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }
}
