package io.kesjava.keystore.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The retry rule KES applies to its REST key stores ({@code docs/keystores/README.md}): up to two
 * retries (three attempts) when a request times out, the connection drops, or the answer is a 5xx;
 * between attempts a wait of {@code base} plus a uniform random part below {@code jitter} (KES: 200
 * ms plus up to 800 ms). Request bodies are byte arrays, so each attempt sends the body from the
 * start.
 *
 * <p>Certificate and host-name failures and unknown hosts are not retried: another attempt cannot
 * change their outcome. A canceled call is not retried either.
 *
 * <p>Shared plumbing of the REST key-store backends (Fortanix, Gemalto, Entrust), not an API for
 * applications: see the {@linkplain io.kesjava.keystore.http package}. Each retry is logged at
 * {@code DEBUG} with the method, the path and the exception's class or the status, never a header
 * or a body, to the logger the backend names.
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
public final class Retry implements Interceptor {

  /** Retries after the first attempt. */
  public static final int MAX_RETRIES = 2;

  /**
   * Counts the attempts of one call. Put it on a request as its tag ({@code
   * Request.Builder.tag(Attempts.class, attempts)}) to learn afterwards whether the request was
   * sent more than once: a create answered "exists" after a retry may have been stored by the first
   * try.
   */
  public static final class Attempts {
    private final AtomicInteger count = new AtomicInteger();

    /** A counter at zero. Thread-safe. */
    public Attempts() {}

    /** How many times the request was sent. */
    public int count() {
      return count.get();
    }
  }

  private final long baseNanos;
  private final long jitterNanos;
  private final System.Logger log;

  /**
   * A retry rule that waits {@code base} plus a random part below {@code jitter} between attempts.
   *
   * @param base the fixed part of the wait between attempts; zero or more
   * @param jitter the bound of the random part of the wait; zero or more
   * @param log where retries are logged; a backend passes its own (such as {@code
   *     io.kesjava.keystore.fortanix.Retry}), so that its log configuration keeps covering them
   * @throws NullPointerException if an argument is null
   */
  public Retry(Duration base, Duration jitter, System.Logger log) {
    this.baseNanos = Objects.requireNonNull(base, "base").toNanos();
    this.jitterNanos = Objects.requireNonNull(jitter, "jitter").toNanos();
    this.log = Objects.requireNonNull(log, "log");
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
        log.log(
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
      log.log(
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
