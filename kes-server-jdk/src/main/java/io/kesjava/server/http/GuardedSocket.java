package io.kesjava.server.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLException;

/**
 * An accepted TCP socket whose input is watched at the TLS record layer, so that a TLS 1.2 client
 * cannot renegotiate: once {@link #refuseHandshakes()} was called, the first handshake record from
 * the client (its renegotiation {@code ClientHello}; TLS 1.2 record headers are not encrypted) fails
 * the read, and the connection ends before the server does any handshake work.
 *
 * <p>The JDK can refuse client-initiated renegotiation only with a JVM-wide system property, which a
 * library must not set; watching the records does the same for this server's sockets alone.
 *
 * <p>Thread-safety: the stream is read by one thread; {@link #refuseHandshakes()} is called by that
 * thread between reads.
 */
final class GuardedSocket extends Socket {

  private RecordWatcher watcher;

  GuardedSocket() {}

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (watcher == null) {
      watcher = new RecordWatcher(super.getInputStream());
    }
    return watcher;
  }

  /** From now on, a TLS handshake record from the client ends the connection. */
  synchronized void refuseHandshakes() {
    if (watcher != null) {
      watcher.refuse = true;
    }
  }

  /** A server socket that accepts {@link GuardedSocket}s. */
  static final class Server extends ServerSocket {
    Server() throws IOException {}

    @Override
    public Socket accept() throws IOException {
      GuardedSocket s = new GuardedSocket();
      implAccept(s);
      return s;
    }
  }

  /** Follows the record boundaries (5-byte header: type, version, length) of what is read. */
  private static final class RecordWatcher extends FilterInputStream {
    private static final int HANDSHAKE = 22;

    volatile boolean refuse;
    /** Bytes of the current record's header seen so far (0-5), then its body. */
    private int headerSeen;
    private int type;
    private int length;
    /** Body bytes of the current record still to come. */
    private int bodyLeft;

    RecordWatcher(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      for (int i = off; i < off + n; ) {
        if (headerSeen == 5) {
          int skip = Math.min(bodyLeft, off + n - i);
          bodyLeft -= skip;
          i += skip;
          if (bodyLeft == 0) {
            headerSeen = 0;
          }
          continue;
        }
        int v = b[i++] & 0xFF;
        switch (headerSeen++) {
          case 0 -> {
            type = v;
            if (refuse && type == HANDSHAKE) {
              throw new SSLException("TLS renegotiation refused");
            }
          }
          case 3 -> length = v << 8;
          case 4 -> {
            length |= v;
            bodyLeft = length;
            if (bodyLeft == 0) {
              headerSeen = 0;
            }
          }
          default -> { }
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      throw new IOException("skip is not supported on a TLS record stream");
    }
  }
}
