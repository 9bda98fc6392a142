package io.kesjava.cli;

import java.util.Locale;

/** The version and runtime lines of {@code kes --version} and the banner. */
final class Version {

  private Version() {}

  static String version() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-SNAPSHOT";
  }

  static String runtime() {
    return "Java "
        + System.getProperty("java.version")
        + " "
        + System.getProperty("os.name").toLowerCase(Locale.ROOT)
        + "/"
        + System.getProperty("os.arch");
  }
}
