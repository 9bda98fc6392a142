package io.kesjava.client;

import io.kesjava.core.KesException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Sends requests to the endpoints with KES's client failure handling ({@code
 * docs/http-api.md#clients-retries-and-several-endpoints}): a request goes to the next endpoint in
 * turn; an endpoint that cannot be reached is skipped for a while and the request goes to the next
 * one; a 503 or a transport failure is retried, up to the configured number of rounds over all
 * endpoints with a random backoff between rounds, all within the call's deadline. A request that
 * may not be sent twice (create, import, delete) is re-sent only when it surely did not reach the
 * server: on a 503, or when the connection failed before the request went out.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class Transport {

  private static final System.Logger LOG = System.getLogger(KesClient.class.getName());

  /** Sleeps between retry rounds; replaced in tests. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** Whether any attempt of a call began sending its request. */
  static final class SendMark {
    final AtomicBoolean sent = new AtomicBoolean();
  }

  private final OkHttpClient http;
  private final OkHttpClient streamHttp;
  private final Endpoints endpoints;
  private final int maxRetries;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final Duration timeout;
  private final Sleeper sleeper;
  private final LongSupplier ticker;

  Transport(OkHttpClient base, Endpoints endpoints, int maxRetries, Duration minBackoff,
      Duration maxBackoff, Duration timeout, Sleeper sleeper, LongSupplier ticker) {
    this.http = base.newBuilder().eventListenerFactory(call -> new EventListener() {
      @Override
      public void requestHeadersStart(Call c) {
        SendMark mark = c.request().tag(SendMark.class);
        if (mark != null) {
          mark.sent.set(true);
        }
      }
    }).build();
    this.streamHttp = http.newBuilder().readTimeout(Duration.ZERO).callTimeout(Duration.ZERO)
        .build();
    this.endpoints = endpoints;
    this.maxRetries = maxRetries;
    this.minBackoff = minBackoff;
    this.maxBackoff = maxBackoff;
    this.timeout = timeout;
    this.sleeper = sleeper;
    this.ticker = ticker;
  }

  Endpoints endpoints() {
    return endpoints;
  }

  OkHttpClient http() {
    return http;
  }

  /**
   * Sends a request and reads the whole response.
   *
   * @throws KesException for an error status
   * @throws KesTransportException if no KES answer arrived
   */
  Reply send(Req req) {
    return attempt(req, false).reply;
  }

  /**
   * Sends a request whose response is a stream, and returns the open response after its status
   * line and headers arrived (within the call timeout). The caller closes it.
   */
  Opened open(Req req) {
    Outcome o = attempt(req, true);
    return new Opened(o.call, o.response);
  }

  /** An open streaming response and its call, which cancels it. */
  record Opened(Call call, Response response) {}

  private record Outcome(Reply reply, Call call, Response response) {}

  private Outcome attempt(Req req, boolean stream) {
    RequestBody body = req.body() == null ? null : RequestBody.create(req.body(), req.contentType());
    long deadline = ticker.getAsLong() + timeout.toNanos();
    RuntimeException last = null;
    for (int round = 0; ; round++) {
      boolean retryable = false;
      for (int idx : endpoints.order()) {
        long remaining = deadline - ticker.getAsLong();
        if (remaining <= 0) {
          throw timedOut(last);
        }
        HttpUrl url = req.url().apply(endpoints.url(idx));
        SendMark mark = new SendMark();
        Request request = new Request.Builder().url(url).method(req.method(), body)
            .tag(SendMark.class, mark).build();
        Call call = (stream ? streamHttp : http).newCall(request);
        AtomicBoolean headersArrived = new AtomicBoolean();
        if (stream) {
          // The stream has no call timeout, so its headers get a watchdog instead.
          CompletableFuture.delayedExecutor(remaining, TimeUnit.NANOSECONDS).execute(() -> {
            if (!headersArrived.get()) {
              call.cancel();
            }
          });
        } else {
          call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
        }
        Response response = null;
        try {
          response = call.execute();
          headersArrived.set(true);
          int status = response.code();
          String type = response.header("Content-Type", "");
          if (status == 503) {
            // The server asks to try again: nothing was done (docs/http-api.md#errors).
            last = Errors.parse(status, type, read(response.body(), Req.MIB));
            retryable = true;
            LOG.log(Level.DEBUG, "{0} {1}: 503, trying again", req.method(), Endpoints.text(url));
            continue;
          }
          endpoints.markUp(idx);
          if (status >= 400 && status <= 599) {
            throw Errors.parse(status, type, read(response.body(), Req.MIB));
          }
          if (status < 200 || status > 299) {
            throw new KesTransportException("unexpected HTTP status " + status + " from "
                + Endpoints.text(url), null);
          }
          if (stream) {
            Response open = response;
            response = null; // handed to the caller
            return new Outcome(null, call, open);
          }
          return new Outcome(new Reply(status, type, read(response.body(), req.limit())), call, null);
        } catch (IOException e) {
          if (call.isCanceled()) {
            throw timedOut(e);
          }
          boolean sent = mark.sent.get();
          if (sent && !req.replaySafe()) {
            throw new KesTransportException(req.method() + " " + Endpoints.text(url)
                + " failed after the request was sent; it may or may not have taken effect: "
                + describe(e), e);
          }
          endpoints.markDown(idx);
          LOG.log(Level.DEBUG, "{0} {1} failed: {2}", req.method(), Endpoints.text(url), e);
          last = new KesTransportException("cannot reach " + Endpoints.text(url) + ": "
              + describe(e), e);
          retryable |= isTransient(e);
        } finally {
          if (response != null) {
            response.close();
          }
        }
      }
      if (round >= maxRetries || !retryable) {
        throw last;
      }
      backoff(deadline, last);
    }
  }

  /** A failure in a few words: what went wrong, without Java class names where they say nothing. */
  static String describe(IOException e) {
    String m = e.getMessage();
    if (e instanceof javax.net.ssl.SSLException) {
      return "TLS handshake failed: " + m;
    }
    if (e instanceof UnknownHostException) {
      return "unknown host " + m;
    }
    if (e instanceof java.net.ConnectException && m != null) {
      return m.toLowerCase(java.util.Locale.ROOT);
    }
    if (e instanceof java.net.SocketTimeoutException) {
      return "timeout";
    }
    return m == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
  }

  /** Handshake and name-resolution failures do not go away by trying again soon. */
  private static boolean isTransient(IOException e) {
    return !(e instanceof SSLHandshakeException
        || e instanceof SSLPeerUnverifiedException
        || e instanceof UnknownHostException);
  }

  private void backoff(long deadline, RuntimeException last) {
    long min = minBackoff.toNanos();
    long max = maxBackoff.toNanos();
    long wait = max > min ? ThreadLocalRandom.current().nextLong(min, max + 1) : min;
    long remaining = deadline - ticker.getAsLong();
    if (wait >= remaining) {
      throw timedOut(last);
    }
    try {
      sleeper.sleep(Duration.ofNanos(wait));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      KesTransportException t = new KesTransportException("interrupted", e);
      if (last != null) {
        t.addSuppressed(last);
      }
      throw t;
    }
  }

  private KesTransportException timedOut(Exception last) {
    return new KesTransportException("no answer within the call timeout of " + timeout
        + (last != null ? "; last failure: " + last.getMessage() : ""), last);
  }

  /** Reads at most {@code limit} bytes of a body; more is a malformed response. */
  static byte[] read(ResponseBody body, long limit) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    BufferedSource source = body.source();
    if (source.request(limit + 1)) {
      throw new KesTransportException("the server's response exceeds " + limit + " bytes", null);
    }
    return source.readByteArray();
  }
}
