package io.kesjava.cli;

import java.math.BigDecimal;
import java.time.Duration;

/** Go's duration syntax ({@code 5s}, {@code 1m30s}, {@code 250ms}), for {@code --rate}. */
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
}
