package io.kesjava.server.cli;

import io.kesjava.core.KesEngine;
import io.kesjava.server.KesServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A started server with its engine (which owns the key store) and, in development mode, the
 * directory of generated files. {@link #close()} stops the TLS refresh timer, stops serving (draining requests in flight), then
 * closes the key store and deletes the generated files.
 */
final class RunningServer implements AutoCloseable {

  private final KesServer server;
  private final KesEngine engine;
  private final DevMode dev;
  private final ConfigReload reload;
  private final AutoCloseable tlsRefresh;
  private boolean closed;

  RunningServer(
      KesServer server, KesEngine engine, DevMode dev, ConfigReload reload, AutoCloseable tlsRefresh) {
    this.server = server;
    this.engine = engine;
    this.dev = dev;
    this.reload = reload;
    this.tlsRefresh = tlsRefresh;
  }

  /** Re-reads the config file, as SIGHUP does; empty in development mode (no file, no reload). */
  Optional<ConfigReload> reload() {
    return Optional.ofNullable(reload);
  }

  InetSocketAddress address() {
    return server.address();
  }

  KesServer server() {
    return server;
  }

  /** The files of development mode (server certificate, admin client key and certificate). */
  Optional<Path> devDirectory() {
    return dev == null ? Optional.empty() : Optional.of(dev.directory());
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      tlsRefresh.close();
    } catch (Exception e) {
      // the timer stops anyway with the JVM: a daemon thread
    }
    try {
      server.close();
    } finally {
      try {
        engine.close();
      } finally {
        if (dev != null) {
          dev.deleteFiles();
        }
      }
    }
  }
}
