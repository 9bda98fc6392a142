package io.kesjava.server.http;

import io.kesjava.core.KesException;
import io.kesjava.server.AuditEvent;
import io.kesjava.server.ErrorEvent;
import io.kesjava.server.RouteSettings;
import io.kesjava.server.http.Route.AuthMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The KES HTTP API behind {@link HttpsListener}, for every path: routing, method check, route
 * deadline, authentication, the route's handler, error responses, metrics and one audit event per
 * request (see docs/http-api.md).
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class HttpApi implements AutoCloseable {

  private static final String INTERNAL = "internal server error";

  private final ApiConfig config;
  private final Authenticator auth;
  private final Metrics metrics = new Metrics();
  private final LogStreams streams;
  private final KeyRoutes keys;
  private final InfoRoutes info;
  private volatile Routing routing;

  /** Builds the API; {@link #close()} ends its log streams. */
  public HttpApi(ApiConfig config) {
    this.config = config;
    this.auth = new Authenticator(config.proxyIdentities(), config.proxyCertHeader(),
        config.backend()::allowed, config.forwardedTrust());
    this.streams = new LogStreams(config.auditLog(), config.errorLog(), metrics,
        config.clock().getZone(), this::audit, config.streamHeartbeat(),
        config.maxStreamSubscribers());
    this.keys = new KeyRoutes(config.backend());
    this.info = new InfoRoutes(config.backend(), config.version(), metrics, config.clock(),
        this::routes);
    this.routing = routing(config.settings());
  }

  /** The route table and its router for one set of {@code api} settings. */
  private record Routing(Map<String, RouteSettings> settings, List<Route> routes, Router router) {}

  private Routing routing(Map<String, RouteSettings> settings) {
    List<Route> table = Routes.table(keys, info, streams, settings);
    return new Routing(Map.copyOf(settings), table, new Router(table));
  }

  /** Whether some route skips authentication, so that the handshake must only request a certificate. */
  public boolean anyRouteSkipsAuth() {
    return routing.settings().values().stream().anyMatch(s -> s.skipAuth());
  }

  /**
   * Replaces the per-route settings (the {@code api} section, docs/configuration.md), as a config
   * reload does: requests that arrive afterwards use the new timeouts and {@code skip_auth}
   * flags; requests in flight keep the old ones. The TLS handshake mode is not changed here.
   */
  public void updateSettings(Map<String, RouteSettings> settings) {
    this.routing = routing(settings);
  }

  private List<Route> routes() {
    return routing.routes();
  }

  /** The number of open log streams. */
  public int openStreams() {
    return streams.openStreams();
  }

  /** Answers one request; the HTTP layer has checked its head. */
  void handle(Exchange exchange) {
    long start = System.nanoTime();
    Call call = new Call(exchange, exchange.path(), config.clock().instant(), start);
    call.ip = Addresses.text(exchange.remoteAddress());
    // The audit event is emitted as the status is written, as v0.22 did (docs/http-api.md): a
    // client that has its response can rely on the event having been published.
    call.beforeCommit = () -> {
      if (!call.audited) {
        audit(call);
      }
    };
    try {
      dispatch(call);
    } catch (Throwable t) {
      respond(call, t);
    } finally {
      if (!call.audited) {
        audit(call);
      }
      if (call.aborted()) {
        config.errors().accept(requestEvent(call, ErrorEvent.WARN, "response deadline exceeded"));
      }
    }
  }

  private void dispatch(Call call) throws Exception {
    Router.Match m = routing.router().match(call.path);
    if (m.redirect() != null) {
      redirect(call, m.redirect());
      return;
    }
    if (!m.found()) {
      auth.identifyIfPossible(call);
      call.exchange.responseHeader("X-Content-Type-Options", "nosniff");
      call.send(404, "text/plain; charset=utf-8",
          "404 page not found\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    Route route = m.route();
    call.route = route;
    call.resource = m.resource();
    if (!route.accepts(call.method)) {
      auth.identifyIfPossible(call);
      call.exchange.responseHeader("Accept", route.method());
      call.error(405, "received method '" + call.method + "' expected '" + route.method() + "'");
      return;
    }
    call.deadline(route.timeout());
    if (route.maxBody() == 0) {
      // A body that the route does not take is read and dropped (a short one) or left (the
      // connection closes after the response); a badly framed one is refused before anything.
      try {
        call.exchange.skipBody();
      } catch (java.io.IOException e) {
        auth.identifyIfPossible(call);
        call.error(400, "malformed HTTP request body");
        return;
      }
    }
    if (route.auth() == AuthMode.POLICY) {
      auth.identify(call);
      auth.authorize(call);
    } else {
      auth.identifyIfPossible(call);
    }
    if (!route.counted()) {
      route.handler().handle(call);
      return;
    }
    metrics.begin();
    try {
      route.handler().handle(call);
    } catch (Throwable t) {
      respond(call, t);
    } finally {
      metrics.end(call.status, System.nanoTime() - call.startNanos);
    }
  }

  /**
   * Maps a failure to its response: the one place that does (docs/http-api.md). Server-side
   * failures are logged before the response goes out. No exception text from outside {@link
   * KesException} reaches the client or the log, only its type.
   */
  private void respond(Call call, Throwable t) {
    if (t instanceof KesException k && k.status() != KesException.NO_RESPONSE) {
      if (k.status() >= 500) {
        boolean probe = call.route != null && call.route.path().equals("/v1/ready");
        String cause = k.getCause() == null ? "" : ": " + k.getCause().getClass().getSimpleName();
        config.errors().accept(requestEvent(call, probe ? ErrorEvent.WARN : ErrorEvent.ERROR,
            k.getMessage() + cause));
      }
      call.error(k.status(), k.getMessage());
      return;
    }
    config.errors().accept(requestEvent(call, ErrorEvent.ERROR,
        "unexpected " + t.getClass().getName()));
    // The stack trace helps to find the bug; the message may hold anything, so it is left out.
    Throwable trace = new IllegalStateException(t.getClass().getName());
    trace.setStackTrace(t.getStackTrace());
    System.getLogger(HttpApi.class.getName())
        .log(System.Logger.Level.DEBUG, "unexpected failure on " + call.path, trace);
    call.error(500, INTERNAL);
  }

  private void redirect(Call call, String target) {
    String location = target;
    try {
      location = new URI(null, null, target, null).toASCIIString();
    } catch (URISyntaxException e) {
      location = "/"; // cannot happen for a path that starts with '/'
    }
    String query = call.exchange.rawQuery();
    if (query != null) {
      location += "?" + query;
    }
    call.exchange.responseHeader("Location", location);
    if (call.method.equals("GET") || call.method.equals("HEAD")) {
      String body = "<a href=\"" + location.replace("&", "&amp;").replace("\"", "&#34;")
          + "\">Moved Permanently</a>.\n\n";
      call.send(301, "text/html; charset=utf-8",
          call.method.equals("GET") ? body.getBytes(StandardCharsets.UTF_8) : new byte[0]);
    } else {
      call.send(301, null, new byte[0]);
    }
  }

  private void audit(Call call) {
    call.audited = true;
    Duration latency = Duration.ofNanos(System.nanoTime() - call.startNanos);
    config.audit().accept(new AuditEvent(config.clock().instant(), call.method, call.path,
        call.ip, call.identityText(), call.status, latency,
        call.auditMessage.isEmpty() ? "request" : call.auditMessage));
  }

  private ErrorEvent requestEvent(Call call, int level, String message) {
    return new ErrorEvent(config.clock().instant(), level, message, call.method, call.path,
        call.ip, call.identityText());
  }

  /** Ends all log streams. */
  @Override
  public void close() {
    streams.close();
  }
}
