package io.kesjava.server.http;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Time and duration texts as Go writes them: {@code time.RFC3339Nano}, RFC 3339 with milliseconds
 * (the {@code log/slog} text handler) and {@code time.Duration.String()}.
 *
 * <p>Thread-safety: stateless.
 */
public final class GoTime {

  private GoTime() {}

  /**
   * RFC 3339 with up to nine fractional digits, trailing zeros removed, {@code Z} for a zero offset
   * ({@code docs/http-api.md#conventions}).
   */
  public static String rfc3339Nano(Instant time, ZoneId zone) {
    OffsetDateTime t = time.atZone(zone).toOffsetDateTime();
    StringBuilder sb = new StringBuilder(36);
    dateTime(sb, t);
    int nanos = t.getNano();
    if (nanos != 0) {
      String frac = String.format("%09d", nanos);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(frac, 0, end);
    }
    offset(sb, t);
    return sb.toString();
  }

  /** RFC 3339 with exactly three fractional digits, as {@code log/slog} writes {@code time=}. */
  public static String rfc3339Millis(Instant time, ZoneId zone) {
    OffsetDateTime t = time.atZone(zone).toOffsetDateTime();
    StringBuilder sb = new StringBuilder(29);
    dateTime(sb, t);
    sb.append('.').append(String.format("%03d", t.getNano() / 1_000_000));
    offset(sb, t);
    return sb.toString();
  }

  private static void dateTime(StringBuilder sb, OffsetDateTime t) {
    sb.append(String.format(
        "%04d-%02d-%02dT%02d:%02d:%02d",
        t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
        t.getHour(), t.getMinute(), t.getSecond()));
  }

  private static void offset(StringBuilder sb, OffsetDateTime t) {
    int secs = t.getOffset().getTotalSeconds();
    if (secs == 0) {
      sb.append('Z');
      return;
    }
    sb.append(secs < 0 ? '-' : '+');
    int abs = Math.abs(secs) / 60;
    sb.append(String.format("%02d:%02d", abs / 60, abs % 60));
  }

  /** Go's {@code time.Duration.String()}: {@code 200ms}, {@code 1.5s}, {@code 2m3s}, {@code 0s}. */
  public static String duration(Duration d) {
    long n = d.toNanos();
    if (n == 0) {
      return "0s";
    }
    boolean neg = n < 0;
    long u = Math.abs(n);
    String s;
    if (u < 1_000_000_000L) {
      if (u < 1_000) {
        s = u + "ns";
      } else if (u < 1_000_000) {
        s = fraction(u, 3) + "µs";
      } else {
        s = fraction(u, 6) + "ms";
      }
    } else {
      long secsNanos = u % 60_000_000_000L;
      long mins = u / 60_000_000_000L;
      String secs = fraction(secsNanos, 9) + "s";
      if (mins == 0) {
        s = secs;
      } else if (mins < 60) {
        s = mins + "m" + secs;
      } else {
        s = (mins / 60) + "h" + (mins % 60) + "m" + secs;
      }
    }
    return neg ? "-" + s : s;
  }

  private static String fraction(long v, int digits) {
    long div = 1;
    for (int i = 0; i < digits; i++) {
      div *= 10;
    }
    long whole = v / div;
    long frac = v % div;
    if (frac == 0) {
      return Long.toString(whole);
    }
    String f = String.format("%0" + digits + "d", frac);
    int end = f.length();
    while (f.charAt(end - 1) == '0') {
      end--;
    }
    return whole + "." + f.substring(0, end);
  }
}
