package io.kesjava.cli;

import io.kesjava.core.KesEngine;
import io.kesjava.server.ConfiguredServer;
import io.kesjava.server.KesServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code kes server} started: a {@link ConfiguredServer} from a config file, or the server,
 * engine and generated files of development mode. {@link #close()} stops serving (draining requests
 * in flight), then closes the key store and deletes the generated files.
 */
final class RunningServer implements AutoCloseable {

  private final ConfiguredServer configured;
  private final KesServer server;
  private final KesEngine engine;
  private final DevMode dev;
  private boolean closed;

  RunningServer(ConfiguredServer configured) {
    this.configured = configured;
    this.server = configured.server();
    this.engine = configured.engine();
    this.dev = null;
  }

  RunningServer(KesServer server, KesEngine engine, DevMode dev) {
    this.configured = null;
    this.server = server;
    this.engine = engine;
    this.dev = dev;
  }

  /** The server from a config file, which SIGHUP reloads; empty in development mode. */
  Optional<ConfiguredServer> configured() {
    return Optional.ofNullable(configured);
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
    if (configured != null) {
      configured.close();
      return;
    }
    try {
      server.close();
    } finally {
      try {
        engine.close();
      } finally {
        dev.deleteFiles();
      }
    }
  }
}
