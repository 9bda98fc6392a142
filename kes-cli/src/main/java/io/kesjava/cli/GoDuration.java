package io.kesjava.cli;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Go's duration syntax ({@code 5s}, {@code 1m30s}, {@code 250ms}): parsed for {@code --rate}, and
 * printed as Go's {@code time.Duration.String()} does.
 */
final class GoDuration {

  private GoDuration() {}

  static Duration parse(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("invalid duration \"\"");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    while (i < text.length()) {
      int start = i;
      while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
        i++;
      }
      int unitStart = i;
      while (i < text.length() && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
        i++;
      }
      if (start == unitStart || unitStart == i) {
        throw new IllegalArgumentException("invalid duration \"" + text + "\"");
      }
      BigDecimal value = new BigDecimal(text.substring(start, unitStart));
      long unit = switch (text.substring(unitStart, i)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        default -> throw new IllegalArgumentException("invalid duration \"" + text + "\"");
      };
      nanos = nanos.add(value.multiply(BigDecimal.valueOf(unit)));
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /**
   * {@code d} as Go prints a duration: {@code 0s}, {@code 750ns}, {@code 1.5µs}, {@code 2ms},
   * {@code 15s}, {@code 1m0s}, {@code 1h2m3.5s}.
   */
  static String format(Duration d) {
    BigDecimal nanos = BigDecimal.valueOf(d.getSeconds()).movePointRight(9)
        .add(BigDecimal.valueOf(d.getNano()));
    if (nanos.signum() == 0) {
      return "0s";
    }
    String sign = nanos.signum() < 0 ? "-" : "";
    nanos = nanos.abs();
    BigDecimal second = BigDecimal.valueOf(1_000_000_000L);
    if (nanos.compareTo(second) < 0) {
      if (nanos.compareTo(BigDecimal.valueOf(1_000)) < 0) {
        return sign + nanos.toPlainString() + "ns";
      }
      if (nanos.compareTo(BigDecimal.valueOf(1_000_000)) < 0) {
        return sign + plain(nanos.movePointLeft(3)) + "µs";
      }
      return sign + plain(nanos.movePointLeft(6)) + "ms";
    }
    BigDecimal[] minutes = nanos.divideAndRemainder(BigDecimal.valueOf(60).multiply(second));
    String seconds = plain(minutes[1].movePointLeft(9)) + "s";
    long m = minutes[0].longValueExact();
    if (m == 0) {
      return sign + seconds;
    }
    if (m < 60) {
      return sign + m + "m" + seconds;
    }
    return sign + (m / 60) + "h" + (m % 60) + "m" + seconds;
  }

  private static String plain(BigDecimal v) {
    return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
  }
}
