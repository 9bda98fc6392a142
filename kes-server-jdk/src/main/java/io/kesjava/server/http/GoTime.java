package io.kesjava.server.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Time texts as Go writes them: {@code time.RFC3339Nano} and RFC 3339 with milliseconds
 * (the {@code log/slog} text handler). Durations: {@code GoDuration} of kes-keystore-spi.
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
}
