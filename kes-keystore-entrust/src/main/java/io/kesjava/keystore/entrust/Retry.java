package io.kesjava.keystore.entrust;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The retry rule KES applies to its REST key stores ({@code keystores.md} §4.1): up to two retries
 * (three attempts) when a request times out, the connection drops, or the answer is a 5xx; between
 * attempts a wait of {@code base} plus a uniform random part below {@code jitter} (KES: 200 ms plus
 * up to 800 ms). Request bodies are byte arrays, so each attempt sends the body from the start.
 *
 * <p>Certificate and host-name failures and unknown hosts are not retried: another attempt cannot
 * change their outcome. A canceled call is not retried either.
 *
 * <p>This class is kept package-private and copied into each vendor module (Fortanix, Gemalto,
 * Entrust) rather than shared: modules cannot share code without a module of its own.
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
final class Retry implements Interceptor {

  private static final System.Logger LOG = System.getLogger(Retry.class.getName());

  /** Retries after the first attempt. */
  static final int MAX_RETRIES = 2;

  /**
   * Counts the attempts of one call. Put it on a request as its tag ({@code
   * Request.Builder.tag(Attempts.class, attempts)}) to learn afterwards whether the request was
   * sent more than once: a create answered "exists" after a retry may have been stored by the first
   * try.
   */
  static final class Attempts {
    private final AtomicInteger count = new AtomicInteger();

    /** How many times the request was sent. */
    int count() {
      return count.get();
    }
  }

  private final long baseNanos;
  private final long jitterNanos;

  /**
   * @param base the fixed part of the wait between attempts; zero or more
   * @param jitter the bound of the random part of the wait; zero or more
   */
  Retry(Duration base, Duration jitter) {
    this.baseNanos = base.toNanos();
    this.jitterNanos = jitter.toNanos();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Attempts attempts = request.tag(Attempts.class);
    for (int retry = 0; ; retry++) {
      if (attempts != null) {
        attempts.count.incrementAndGet();
      }
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        if (retry >= MAX_RETRIES || !retryable(e) || chain.call().isCanceled()) {
          throw e;
        }
        LOG.log(
            Level.DEBUG,
            "{0} {1} failed ({2}); retrying",
            request.method(),
            request.url().encodedPath(),
            e.getClass().getSimpleName());
        pause();
        continue;
      }
      if (response.code() < 500 || retry >= MAX_RETRIES) {
        return response;
      }
      LOG.log(
          Level.DEBUG,
          "{0} {1} answered {2}; retrying",
          request.method(),
          request.url().encodedPath(),
          response.code());
      response.close();
      pause();
    }
  }

  private static boolean retryable(IOException e) {
    return !(e instanceof SSLHandshakeException
        || e instanceof SSLPeerUnverifiedException
        || e instanceof UnknownHostException);
  }

  private void pause() throws InterruptedIOException {
    long nanos = baseNanos;
    if (jitterNanos > 0) {
      nanos += ThreadLocalRandom.current().nextLong(jitterNanos);
    }
    if (nanos <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
