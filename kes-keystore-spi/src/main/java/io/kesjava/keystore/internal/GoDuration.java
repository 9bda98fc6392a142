package io.kesjava.keystore.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes durations in the syntax of Go's {@code time.ParseDuration} and {@code
 * time.Duration.String}, which KES uses in its config file ({@code
 * docs/configuration.md#how-the-file-is-read}).
 *
 * <p>The range is Go's: a signed 64-bit count of nanoseconds (about ±292 years).
 *
 * <p>Not public API (see the package documentation). Thread-safety: stateless.
 */
public final class GoDuration {

  /** 2^63 as an unsigned value: the magnitude of the most negative Go duration. */
  private static final long MAGNITUDE_LIMIT = Long.MIN_VALUE;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private static final Map<String, Long> UNITS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L, // MICRO SIGN
          "\u03bcs", 1_000L, // GREEK SMALL LETTER MU
          "ms", 1_000_000L,
          "s", NANOS_PER_SECOND,
          "m", 60 * NANOS_PER_SECOND,
          "h", 3600 * NANOS_PER_SECOND);

  private GoDuration() {}

  /**
   * Parses a Go duration: an optional sign, then one or more {@code <decimal><unit>} groups such as
   * {@code 1h30m}, {@code 1.5s} or {@code -300ms}; a lone {@code 0} means zero.
   *
   * @param text the text to parse; not {@code null}
   * @return the duration, which may be negative
   * @throws IllegalArgumentException if the text is empty, malformed, has an unknown or missing
   *     unit, or is out of Go's range; the message quotes the text as Go's does
   */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    long total = 0; // unsigned
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '.' && !isDigit(c)) {
        throw invalid(text);
      }
      // The integer part; it may be absent as in ".5s".
      int start = i;
      long whole = 0; // unsigned
      while (i < s.length() && isDigit(s.charAt(i))) {
        if (Long.compareUnsigned(whole, Long.divideUnsigned(MAGNITUDE_LIMIT, 10)) > 0) {
          throw invalid(text);
        }
        whole = whole * 10 + (s.charAt(i) - '0');
        if (Long.compareUnsigned(whole, MAGNITUDE_LIMIT) > 0) {
          throw invalid(text);
        }
        i++;
      }
      boolean hasWhole = i > start;
      // The fraction; digits beyond what fits are read but ignored, as Go does.
      long fraction = 0;
      double scale = 1;
      boolean hasFraction = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fractionStart = i;
        boolean saturated = false;
        while (i < s.length() && isDigit(s.charAt(i))) {
          if (!saturated) {
            long next = fraction * 10 + (s.charAt(i) - '0'); // cannot wrap past 2^64 here
            if (Long.compareUnsigned(fraction, Long.MAX_VALUE / 10) > 0
                || Long.compareUnsigned(next, MAGNITUDE_LIMIT) > 0) {
              saturated = true;
            } else {
              fraction = next;
              scale *= 10;
            }
          }
          i++;
        }
        hasFraction = i > fractionStart;
      }
      if (!hasWhole && !hasFraction) {
        throw invalid(text);
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      if (i == unitStart) {
        throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
      }
      String unitName = s.substring(unitStart, i);
      Long unit = UNITS.get(unitName);
      if (unit == null) {
        throw new IllegalArgumentException(
            "time: unknown unit " + quote(unitName) + " in duration " + quote(text));
      }
      if (Long.compareUnsigned(whole, Long.divideUnsigned(MAGNITUDE_LIMIT, unit)) > 0) {
        throw invalid(text);
      }
      long value = whole * unit;
      if (fraction != 0) {
        // Same float arithmetic as Go, so that results agree to the nanosecond.
        value += (long) (unsignedToDouble(fraction) * ((double) unit / scale));
        if (Long.compareUnsigned(value, MAGNITUDE_LIMIT) > 0) {
          throw invalid(text);
        }
      }
      total += value;
      if (Long.compareUnsigned(total, MAGNITUDE_LIMIT) > 0) {
        throw invalid(text);
      }
    }
    if (negative) {
      return Duration.ofNanos(-total); // -(2^63) wraps to Long.MIN_VALUE, which is right
    }
    if (total < 0) { // 2^63 does not fit as a positive value
      throw invalid(text);
    }
    return Duration.ofNanos(total);
  }

  /**
   * Formats a duration as Go's {@code Duration.String} does: {@code 1h2m3.5s}, {@code 1m0s},
   * {@code 1.5µs}, {@code 0s}.
   *
   * @param duration the duration; not {@code null}
   * @return the text, which {@link #parse(String)} reads back to the same duration
   * @throws IllegalArgumentException if the duration is outside Go's range
   */
  public static String format(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    long nanos;
    try {
      nanos = duration.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("duration is out of Go's range: " + duration, e);
    }
    if (nanos == 0) {
      return "0s";
    }
    // The magnitude as an unsigned value; Long.MIN_VALUE stays 2^63.
    long u = nanos < 0 ? -nanos : nanos;
    StringBuilder out = new StringBuilder();
    if (Long.compareUnsigned(u, NANOS_PER_SECOND) < 0) {
      if (u < 1_000) {
        out.append(u).append("ns");
      } else if (u < 1_000_000) {
        appendWithFraction(out, u, 3).append("\u00b5s");
      } else {
        appendWithFraction(out, u, 6).append("ms");
      }
    } else {
      long seconds = Long.divideUnsigned(u, NANOS_PER_SECOND);
      long fraction = Long.remainderUnsigned(u, NANOS_PER_SECOND);
      long minutes = seconds / 60;
      long hours = minutes / 60;
      if (hours > 0) {
        out.append(hours).append('h');
      }
      if (minutes > 0) {
        out.append(minutes % 60).append('m');
      }
      out.append(seconds % 60);
      appendFraction(out, fraction, 9).append('s');
    }
    return nanos < 0 ? "-" + out : out.toString();
  }

  /** Appends {@code value / 10^digits} with its fraction, without trailing zeros. */
  private static StringBuilder appendWithFraction(StringBuilder out, long value, int digits) {
    long pow = (long) Math.pow(10, digits);
    out.append(value / pow);
    return appendFraction(out, value % pow, digits);
  }

  /** Appends {@code .fraction} with {@code digits} places less trailing zeros; nothing for 0. */
  private static StringBuilder appendFraction(StringBuilder out, long fraction, int digits) {
    if (fraction == 0) {
      return out;
    }
    String padded = String.format("%0" + digits + "d", fraction);
    int end = padded.length();
    while (padded.charAt(end - 1) == '0') {
      end--;
    }
    return out.append('.').append(padded, 0, end);
  }

  private static double unsignedToDouble(long value) {
    return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("time: invalid duration " + quote(text));
  }

  private static String quote(String text) {
    return '"' + text + '"';
  }
}
