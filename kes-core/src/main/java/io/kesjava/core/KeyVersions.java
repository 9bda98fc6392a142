package io.kesjava.core;

import io.kesjava.crypto.KeyVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every version of one key, as the key cache holds them: version 1 (the key's own entry) and the
 * later versions of the same incarnation, in ascending order ({@code docs/rotation.md}).
 *
 * @param tag the tag that binds later versions to version 1 ({@link VersionEntries#tag})
 * @param versions ascending by number; the first is version 1, the last the current version
 * @param next the first version number that had no entry when the versions were read
 */
record KeyVersions(String tag, List<Numbered> versions, int next) {

  /** One version and its number. */
  record Numbered(int number, KeyVersion key) {
    @Override
    public String toString() {
      return "Numbered[" + number + "]";
    }
  }

  KeyVersions {
    versions = List.copyOf(versions);
  }

  /** A key that was never rotated. */
  static KeyVersions of(KeyVersion base) {
    return new KeyVersions(VersionEntries.tag(base), List.of(new Numbered(1, base)), 2);
  }

  KeyVersion base() {
    return versions.get(0).key();
  }

  Numbered current() {
    return versions.get(versions.size() - 1);
  }

  /** Whether the key has more than one version: only then do answers name a version. */
  boolean rotated() {
    return versions.size() > 1;
  }

  /** Version {@code n}, or {@code null}. */
  KeyVersion find(int n) {
    for (Numbered v : versions) {
      if (v.number() == n) {
        return v.key();
      }
    }
    return null;
  }

  /** A copy with {@code added} as the new current version. */
  KeyVersions with(Numbered added) {
    List<Numbered> all = new ArrayList<>(versions);
    all.add(added);
    all.sort(Comparator.comparingInt(Numbered::number));
    return new KeyVersions(tag, all, Math.max(next, added.number() + 1));
  }

  @Override
  public String toString() {
    return "KeyVersions[" + versions.size() + " versions]";
  }
}
