package io.kesjava.core;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The process facts {@code /v1/status} reports, named as Go names them ({@code
 * docs/http-api.md#status}).
 */
final class SystemInfo {

  /** The stack size the JVM reserves per thread on 64-bit Linux unless told otherwise. */
  private static final long STACK_PER_THREAD = 1024 * 1024;

  private SystemInfo() {}

  static StatusInfo status(String version, Duration uptime, Optional<Duration> latency) {
    Runtime rt = Runtime.getRuntime();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    return new StatusInfo(
        version,
        os(),
        arch(),
        uptime,
        rt.availableProcessors(),
        rt.availableProcessors(),
        rt.totalMemory() - rt.freeMemory(),
        threads * STACK_PER_THREAD,
        latency,
        latency.isEmpty());
  }

  /** The Go {@code GOOS} name of the JVM's operating system. */
  static String os() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      return "linux";
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      return "darwin";
    } else if (os.startsWith("windows")) {
      return "windows";
    } else if (os.startsWith("freebsd")) {
      return "freebsd";
    }
    return os.replace(' ', '-');
  }

  /** The Go {@code GOARCH} name of the JVM's architecture. */
  static String arch() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> arch;
    };
  }
}
