package io.kesjava.it.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Clients that hold a connection without ever completing a request, each on a thread of its own,
 * reconnecting as soon as the server closes it, so that the load stays up: silent ones (a finished
 * TLS handshake, then nothing), slowloris ones (a finished handshake, then one byte of a request
 * head per second) and half handshakes (half a ClientHello, no certificate needed). Each records
 * how long the server kept its connection open.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class Attackers implements AutoCloseable {

  /** What kind of client. */
  enum Kind { SILENT, SLOWLORIS, HALF_HANDSHAKE }

  /** A TLS 1.2-style record header and the start of a ClientHello that claims 512 bytes. */
  static final byte[] HALF_CLIENT_HELLO = halfClientHello();

  private final SSLContext context;
  private final int port;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  private final ConcurrentLinkedQueue<Long> lifetimesMillis = new ConcurrentLinkedQueue<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger failedToOpen = new AtomicInteger();
  private final AtomicInteger everOpened = new AtomicInteger();
  /** At most 8 attacker handshakes at once, or a thousand at once all miss the timeout. */
  private final java.util.concurrent.Semaphore handshakes =
      new java.util.concurrent.Semaphore(8, true);

  Attackers(SSLContext context, int port) {
    this.context = context;
    this.port = port;
  }

  /** Starts {@code n} clients of {@code kind}. */
  void start(Kind kind, int n) {
    for (int i = 0; i < n; i++) {
      Thread t = new Thread(null, () -> loop(kind), "attacker-" + kind, 256 * 1024);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void loop(Kind kind) {
    boolean first = true;
    while (!stop.get()) {
      Socket opened;
      handshakes.acquireUninterruptibly();
      try {
        opened = open(kind);
      } catch (IOException e) {
        failedToOpen.incrementAndGet();
        sleep(100);
        continue;
      } finally {
        handshakes.release();
      }
      if (first) {
        everOpened.incrementAndGet();
        first = false;
      }
      long start = System.nanoTime();
      try (Socket s = opened) {
        open.incrementAndGet();
        try {
          hold(kind, s);
        } finally {
          open.decrementAndGet();
        }
        if (!stop.get()) {
          lifetimesMillis.add((System.nanoTime() - start) / 1_000_000);
        }
      } catch (IOException e) {
        failedToOpen.incrementAndGet();
        sleep(100);
      }
    }
  }

  private Socket open(Kind kind) throws IOException {
    if (kind == Kind.HALF_HANDSHAKE) {
      Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
      s.getOutputStream().write(HALF_CLIENT_HELLO);
      s.getOutputStream().flush();
      return s;
    }
    SSLSocket s = (SSLSocket) context.getSocketFactory()
        .createSocket(InetAddress.getLoopbackAddress(), port);
    s.startHandshake();
    return s;
  }

  /** Waits until the server closes the connection. */
  private void hold(Kind kind, Socket s) {
    try {
      s.setSoTimeout(60_000);
      InputStream in = s.getInputStream();
      if (kind != Kind.SLOWLORIS) {
        while (!stop.get() && in.read() >= 0) {
          // nothing is expected; a byte would be an answer, keep waiting for the close
        }
        return;
      }
      s.setSoTimeout(1);
      OutputStream out = s.getOutputStream();
      byte[] head =
          "GET /v1/status HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; !stop.get(); i++) {
        out.write(i < head.length ? head[i] : 'a');
        out.flush();
        try {
          if (in.read() < 0) {
            return;
          }
        } catch (java.net.SocketTimeoutException stillOpen) {
          // the server waits: go on dripping
        }
        sleep(1000);
      }
    } catch (IOException e) {
      // closed by the server
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Connections open now. */
  int open() {
    return open.get();
  }

  /** How long the server kept each closed connection open, in milliseconds. */
  List<Long> lifetimes() {
    return new ArrayList<>(lifetimesMillis);
  }

  int failedToOpen() {
    return failedToOpen.get();
  }

  /** How many attackers have held a connection at least once. */
  int everOpened() {
    return everOpened.get();
  }

  @Override
  public void close() {
    stop.set(true);
    for (Thread t : threads) {
      t.interrupt();
    }
  }

  private static byte[] halfClientHello() {
    byte[] b = new byte[5 + 4 + 2 + 32];
    b[0] = 22; // handshake
    b[1] = 3;
    b[2] = 1;
    b[3] = 2; // record length 512
    b[4] = 0;
    b[5] = 1; // ClientHello
    b[6] = 0;
    b[7] = 1;
    b[8] = (byte) 252; // handshake length 508
    b[9] = 3;
    b[10] = 3;
    for (int i = 11; i < b.length; i++) {
      b[i] = (byte) i; // part of the random; the rest never comes
    }
    return b;
  }
}
