package io.kesjava.server.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTPS side of the server: a strict HTTP/1.1 connection layer on JDK sockets in front of
 * {@link HttpApi}. Each connection has a thread of {@code executor} for its whole life (a virtual
 * thread on Java 21 and newer), and every blocking step of it has a deadline that one deadline
 * thread enforces by closing the socket ({@link HttpLimits}); so a silent or slow client holds its
 * own thread for a bounded time and delays nobody else. At most {@link HttpLimits#maxConnections()}
 * connections are open; beyond, new ones wait in the kernel's accept queue.
 *
 * <p>Each connection takes its TLS engine from {@code context} when it is accepted, so that a
 * context whose material changes (a certificate reload) applies to new connections.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class HttpsListener implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(HttpsListener.class.getName());
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final SSLContext context;
  private final SSLParameters parameters;
  private final HttpApi handler;
  private final HttpLimits limits;
  private final ExecutorService executor;
  private final GuardedSocket.Server server;
  private final Semaphore permits;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private final Thread deadlines;
  private volatile boolean closing;

  private HttpsListener(InetSocketAddress address, SSLContext context, SSLParameters parameters,
      HttpApi handler, HttpLimits limits, ExecutorService executor) throws IOException {
    this.context = context;
    this.parameters = parameters;
    this.handler = handler;
    this.limits = limits;
    this.executor = executor;
    this.permits = new Semaphore(limits.maxConnections());
    this.server = new GuardedSocket.Server();
    server.setReuseAddress(true);
    server.bind(address, Math.min(4096, Math.max(1024, limits.maxConnections())));
    this.acceptor = new Thread(this::accept, "kes-https-accept");
    this.deadlines = new Thread(this::enforceDeadlines, "kes-https-deadlines");
    acceptor.setDaemon(true);
    deadlines.setDaemon(true);
  }

  /**
   * Binds {@code address} and starts serving.
   *
   * @param context the TLS context; each connection gets its socket factory when accepted
   * @param parameters the TLS parameters of every connection ({@link TlsPolicy#parameters})
   * @param handler the API
   * @param executor runs one task per connection for the connection's whole life; it must be
   *     able to run {@link HttpLimits#maxConnections()} tasks at once
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static HttpsListener start(InetSocketAddress address, SSLContext context,
      SSLParameters parameters, HttpApi handler, HttpLimits limits, ExecutorService executor) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(executor, "executor");
    HttpsListener l;
    try {
      l = new HttpsListener(address, context, parameters, handler, limits, executor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address, e);
    }
    l.deadlines.start();
    l.acceptor.start();
    return l;
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** The number of open connections. */
  public int openConnections() {
    return connections.size();
  }

  private void accept() {
    while (!closing) {
      try {
        if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
          continue;
        }
      } catch (InterruptedException e) {
        return;
      }
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        permits.release();
        if (closing) {
          return;
        }
        // Such as too many open files: wait a little rather than spin.
        LOG.log(System.Logger.Level.WARNING, "accept failed: " + e.getClass().getSimpleName());
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        continue;
      }
      Connection c = new Connection(this, (GuardedSocket) s);
      c.deadline(limits.headerTimeout().toNanos(), null);
      connections.add(c);
      try {
        executor.execute(c);
      } catch (RejectedExecutionException e) {
        c.abort();
        ended(c);
      }
    }
  }

  private void enforceDeadlines() {
    while (!Thread.currentThread().isInterrupted()) {
      long now = System.nanoTime();
      for (Connection c : connections) {
        try {
          c.expire(now);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "deadline action failed: " + e.getClass().getName());
        }
      }
      LockSupport.parkNanos(TICK_NANOS);
    }
  }

  /** Called once by each connection as it ends. */
  void ended(Connection c) {
    if (connections.remove(c)) {
      permits.release();
    }
  }

  SSLContext context() {
    return context;
  }

  SSLParameters parameters() {
    return parameters;
  }

  HttpApi handler() {
    return handler;
  }

  HttpLimits limits() {
    return limits;
  }

  boolean closing() {
    return closing;
  }

  /** Stops at once; see {@link #close(Duration)}. */
  @Override
  public void close() {
    close(Duration.ZERO);
  }

  /**
   * Stops accepting, closes idle keep-alive connections, waits up to {@code drain} for requests in
   * flight to finish, then closes every connection. Idempotent.
   */
  public void close(Duration drain) {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    try {
      server.close();
    } catch (IOException e) {
      // closed already
    }
    long end = System.nanoTime() + drain.toNanos();
    do {
      connections.forEach(Connection::closeIfIdle);
      if (connections.isEmpty()) {
        break;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    } while (System.nanoTime() - end < 0);
    connections.forEach(Connection::abort);
    deadlines.interrupt();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
      acceptor.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }
}
