package io.kesjava.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;

/**
 * The server endpoints of a client, and which of them answered lately ({@code
 * docs/http-api.md#clients-retries-and-several-endpoints}): requests start at the next endpoint in
 * turn, so that load spreads across the healthy ones, and an endpoint that failed is tried last
 * until its quarantine is over.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class Endpoints {

  private final List<HttpUrl> urls;
  private final AtomicInteger next = new AtomicInteger();
  /** Per endpoint, the ticker value until which it counts as down; 0 when healthy. */
  private final AtomicLongArray downUntil;
  private final long quarantineNanos;
  private final LongSupplier ticker;

  Endpoints(List<HttpUrl> urls, Duration quarantine, LongSupplier ticker) {
    this.urls = List.copyOf(urls);
    this.downUntil = new AtomicLongArray(urls.size());
    this.quarantineNanos = quarantine.toNanos();
    this.ticker = ticker;
  }

  /**
   * Parses one endpoint as kms-go joins URLs ({@code client-endpoint} vectors): surrounding
   * white space and trailing slashes are removed; {@code https://} is assumed when no scheme is
   * given.
   *
   * @throws IllegalArgumentException if it is not an HTTPS URL
   */
  static HttpUrl parse(String endpoint) {
    String e = endpoint.strip();
    while (e.endsWith("/")) {
      e = e.substring(0, e.length() - 1);
    }
    if (e.isEmpty()) {
      throw new IllegalArgumentException("endpoint is empty");
    }
    String lower = e.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://")) {
      throw new IllegalArgumentException("endpoint '" + e + "' is not HTTPS: KES requires TLS");
    }
    if (!lower.startsWith("https://")) {
      e = "https://" + e;
    }
    HttpUrl url = HttpUrl.parse(e);
    if (url == null || url.query() != null || url.fragment() != null) {
      throw new IllegalArgumentException("endpoint '" + endpoint.strip() + "' is not a valid URL");
    }
    return url;
  }

  /** The URL of an endpoint, without a trailing slash. */
  static String text(HttpUrl url) {
    String s = url.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * Joins path elements to an endpoint as kms-go does: each element is split at {@code /} and
   * empty parts are dropped, so {@code /version} and {@code version} give the same URL.
   */
  static HttpUrl join(HttpUrl base, String... elements) {
    HttpUrl.Builder b = base.newBuilder();
    dropTrailingEmptySegment(base, b);
    for (String element : elements) {
      for (String part : element.split("/", -1)) {
        if (!part.isEmpty()) {
          b.addPathSegment(part);
        }
      }
    }
    return b.build();
  }

  /**
   * The URL of a route with one resource segment, percent-escaped: {@code route} such as {@code
   * v1/key/create} and {@code resource} such as {@code my-key}; an empty resource gives the
   * route's path with its trailing slash ({@code /v1/key/list/}).
   */
  static HttpUrl route(HttpUrl base, String route, String resource) {
    HttpUrl.Builder b = base.newBuilder();
    dropTrailingEmptySegment(base, b);
    b.addPathSegments(route);
    b.addEncodedPathSegment(escape(resource));
    return b.build();
  }

  /**
   * Percent-escapes a path segment: every byte of its UTF-8 form except the unreserved characters
   * and the sub-delimiters, {@code :} and {@code @} of RFC 3986, which are legal in a path as they
   * are. Stricter than OkHttp, which leaves {@code [} and {@code ]} alone although some servers
   * (the JDK's) reject them.
   */
  static String escape(String segment) {
    StringBuilder sb = new StringBuilder(segment.length() + 8);
    for (byte b : segment.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
      }
    }
    return sb.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static void dropTrailingEmptySegment(HttpUrl base, HttpUrl.Builder b) {
    List<String> segments = base.pathSegments();
    if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
      b.removePathSegment(segments.size() - 1);
    }
  }

  /** The number of endpoints. */
  int size() {
    return urls.size();
  }

  /** All endpoints, in configured order. */
  List<HttpUrl> all() {
    return urls;
  }

  /**
   * The endpoints in the order one request tries them: healthy ones first, starting with the
   * next in turn, then the quarantined ones, longest-quarantined first.
   */
  List<Integer> order() {
    int n = urls.size();
    int start = Math.floorMod(next.getAndIncrement(), n);
    long now = ticker.getAsLong();
    List<Integer> healthy = new ArrayList<>(n);
    List<Integer> down = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int idx = (start + i) % n;
      long until = downUntil.get(idx);
      if (until == 0 || until - now <= 0) {
        healthy.add(idx);
      } else {
        down.add(idx);
      }
    }
    down.sort((a, b) -> Long.compare(downUntil.get(a), downUntil.get(b)));
    healthy.addAll(down);
    return healthy;
  }

  HttpUrl url(int index) {
    return urls.get(index);
  }

  /** Records that an endpoint could not be reached: it is tried last for a while. */
  void markDown(int index) {
    long until = ticker.getAsLong() + quarantineNanos;
    downUntil.set(index, until == 0 ? 1 : until);
  }

  /** Records that an endpoint answered. */
  void markUp(int index) {
    downUntil.set(index, 0);
  }
}
