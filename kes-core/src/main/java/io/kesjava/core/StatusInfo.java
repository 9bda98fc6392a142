package io.kesjava.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A status snapshot ({@code docs/http-api.md#status}).
 *
 * @param version the server's version
 * @param os the operating system, by Go's name ({@code linux}, {@code darwin}, {@code windows})
 * @param arch the architecture, by Go's name ({@code amd64}, {@code arm64})
 * @param uptime time since start
 * @param numCpu logical CPUs of the machine
 * @param numCpuUsed CPUs usable by the process
 * @param memHeapUsed heap bytes in use
 * @param memStackUsed stack bytes in use (an estimate on the JVM)
 * @param keystoreLatency the key store's probe latency; empty when it is unreachable
 * @param keystoreUnreachable whether the key store's probe failed
 */
public record StatusInfo(
    String version,
    String os,
    String arch,
    Duration uptime,
    int numCpu,
    int numCpuUsed,
    long memHeapUsed,
    long memStackUsed,
    Optional<Duration> keystoreLatency,
    boolean keystoreUnreachable) {

  public StatusInfo {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(uptime, "uptime");
    Objects.requireNonNull(keystoreLatency, "keystoreLatency");
  }
}
