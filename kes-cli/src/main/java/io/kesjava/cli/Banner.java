package io.kesjava.cli;

import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The startup banner, in the shape of KES's ({@code docs/cli.md#kes-server}). */
final class Banner {

  private final PrintStream out;

  Banner(PrintStream out) {
    this.out = out;
  }

  void line(String label, String value) {
    out.printf("%-12s%s%n", label, value);
  }

  void blank() {
    out.println();
  }

  void print(String text) {
    out.println(text);
  }

  /** The URLs a client can use: each interface's address for a wildcard listener, else the one. */
  static List<String> urls(InetSocketAddress bound) {
    List<String> urls = new ArrayList<>();
    InetAddress address = bound.getAddress();
    if (address.isAnyLocalAddress()) {
      try {
        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          for (InetAddress a : Collections.list(i.getInetAddresses())) {
            if (a instanceof Inet4Address) {
              urls.add(url(a, bound.getPort()));
            }
          }
        }
      } catch (SocketException e) {
        // fall through to the loopback address
      }
      if (urls.isEmpty()) {
        urls.add(url(InetAddress.getLoopbackAddress(), bound.getPort()));
      }
      urls.sort(null);
    } else {
      urls.add(url(address, bound.getPort()));
    }
    return urls;
  }

  /** The URL of the loopback interface when the server listens on it, else the first URL. */
  static String localUrl(InetSocketAddress bound) {
    InetAddress address = bound.getAddress();
    if (address.isAnyLocalAddress()) {
      return url(InetAddress.getLoopbackAddress(), bound.getPort());
    }
    return url(address, bound.getPort());
  }

  static String url(InetAddress address, int port) {
    String host = address.getHostAddress();
    int zone = host.indexOf('%');
    if (zone >= 0) {
      host = host.substring(0, zone);
    }
    return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** A slog level as slog prints it: {@code DEBUG}, {@code INFO+2}, {@code ERROR+1}. */
  static String level(int level) {
    String name;
    int base;
    if (level < 0) {
      name = "DEBUG";
      base = -4;
    } else if (level < 4) {
      name = "INFO";
      base = 0;
    } else if (level < 8) {
      name = "WARN";
      base = 4;
    } else {
      name = "ERROR";
      base = 8;
    }
    int offset = level - base;
    return offset == 0 ? name : name + (offset > 0 ? "+" : "") + offset;
  }
}
