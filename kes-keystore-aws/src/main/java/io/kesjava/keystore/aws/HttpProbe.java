package io.kesjava.keystore.aws;

import io.kesjava.keystore.KeyStoreUnreachableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/**
 * The status probe KES uses for cloud stores: a plain, unauthenticated {@code GET} of the endpoint.
 * Any HTTP answer, whatever its status, means reachable; a transport failure means unreachable
 * ({@code docs/keystores/aws.md}, "status").
 *
 * <p>Thread-safety: immutable.
 *
 * @param backend the start of the message when the probe fails, such as {@code aws}
 * @param endpoint what is probed
 * @param timeout the connect and the read timeout
 */
record HttpProbe(String backend, URI endpoint, Duration timeout) {

  /**
   * Sends the probe and returns how long the answer took.
   *
   * @throws KeyStoreUnreachableException if no HTTP answer arrives
   */
  Duration probe() {
    long start = System.nanoTime();
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) endpoint.toURL().openConnection();
      connection.setRequestMethod("GET");
      connection.setConnectTimeout(millis());
      connection.setReadTimeout(millis());
      connection.setInstanceFollowRedirects(false);
      connection.getResponseCode();
      drain(connection);
      return Duration.ofNanos(System.nanoTime() - start);
    } catch (IOException | IllegalArgumentException e) {
      throw new KeyStoreUnreachableException(
          backend + ": key store is not reachable: " + endpoint + ": " + e, e);
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  private int millis() {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
  }

  private static void drain(HttpURLConnection connection) {
    // Reading the body lets the JDK reuse the connection; failures here do not matter.
    try (InputStream in =
        connection.getErrorStream() != null
            ? connection.getErrorStream()
            : connection.getInputStream()) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the status line arrived, which is all the probe needs
    }
  }
}
