package io.kesjava.keystore.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client a REST key-store backend talks through ({@code docs/keystores/README.md}): the
 * backend's dial and idle timeouts, a per-attempt timeout, KES's retry rule, and optionally the CA
 * certificates of {@code tls.ca}.
 *
 * <p>Thread-safety: stateless; the clients it builds are thread-safe.
 */
public final class HttpClients {

  private HttpClients() {}

  /**
   * Builds a client.
   *
   * @param connectTimeout how long a connection may take to open (Fortanix, Entrust: 30 s;
   *     Gemalto: 10 s)
   * @param idleTimeout how long an idle connection is kept (Fortanix, Entrust: 90 s; Gemalto: 30 s)
   * @param timeout how long one attempt may wait to send or read
   * @param retry the retry interceptor
   * @param trustedCas the CAs to trust instead of the JDK's defaults, or {@code null} for the
   *     defaults
   */
  public static OkHttpClient client(
      Duration connectTimeout,
      Duration idleTimeout,
      Duration timeout,
      Retry retry,
      TrustedCas trustedCas) {
    OkHttpClient.Builder client =
        new OkHttpClient.Builder()
            .connectTimeout(connectTimeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            .connectionPool(new ConnectionPool(5, idleTimeout.toSeconds(), TimeUnit.SECONDS))
            .addInterceptor(Objects.requireNonNull(retry, "retry"));
    if (trustedCas != null) {
      client.sslSocketFactory(trustedCas.context().getSocketFactory(), trustedCas.trustManager());
    }
    return client.build();
  }
}
