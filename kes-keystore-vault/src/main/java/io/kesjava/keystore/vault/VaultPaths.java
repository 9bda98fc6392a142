package io.kesjava.keystore.vault;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins path pieces the way KES does (Go's {@code path.Join}: slashes collapse, {@code .} drops
 * out, {@code ..} removes the segment before it), returning segments for {@code HttpUrl} so that
 * each one is percent-encoded on its own.
 */
final class VaultPaths {

  private VaultPaths() {}

  /** The clean segments of all pieces joined with {@code /}; empty pieces disappear. */
  static List<String> join(String... pieces) {
    List<String> segments = new ArrayList<>();
    for (String piece : pieces) {
      for (String segment : piece.split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".")) {
          continue;
        }
        if (segment.equals("..")) {
          if (!segments.isEmpty()) {
            segments.remove(segments.size() - 1);
          }
          continue;
        }
        segments.add(segment);
      }
    }
    return segments;
  }

  /** The joined path as text, without a leading slash, for messages: {@code tenant-1/my-key}. */
  static String text(String... pieces) {
    return String.join("/", join(pieces));
  }

  /**
   * Whether {@code name} is one clean path segment, so that {@code path.Join} leaves it alone and
   * it cannot step out of the prefix ({@code ..}) or into a sub-folder.
   */
  static boolean isSingleSegment(String name) {
    return !name.isEmpty() && !name.contains("/") && !name.equals(".") && !name.equals("..");
  }
}
