package io.kesjava.server.http;

import io.kesjava.core.tls.ClientAuth;
import io.kesjava.server.KesServer;
import io.kesjava.server.RouteSettings;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * Benchmark only, not part of kes-server-jdk: bare handlers on the server's own HTTP layer. The
 * same {@link HttpsListener} (TLS, connection threads, deadlines, head parsing) and the same
 * {@link HttpApi} request framing (route match, deadline, audit event) as the KES server, but a
 * route table of trivial handlers: the client's identity computed from its certificate (as the KES
 * routes do; never rejected), read the body, apply a function, answer JSON. No policy check, no
 * JSON library, no engine, no metrics. The KES server's generate
 * route against such a handler running the raw DEK pipeline measures what KES's routing,
 * authentication, policy, JSON and engine cost on top of the HTTP layer they share.
 *
 * <p>It lives in kes-server-jdk's package to build {@link Route}s (package-private), and takes the
 * {@link HttpApi} of an unstarted {@link KesServer} by reflection, so that its audit and error
 * logs are set up exactly as the KES server's. If kes-server-jdk's internals change, this fails
 * at start with a message that says so.
 */
public final class BareLayer {

  private BareLayer() {}

  /**
   * Starts a listener on {@code address} with one {@code POST} route per entry of {@code routes}:
   * each maps a request body to a response body ({@code application/json}, status 200).
   *
   * @param unstarted a KES server built with the same settings as the one compared, never started
   */
  public static HttpsListener start(KesServer unstarted, InetSocketAddress address, SSLContext ssl,
      ClientAuth clientAuth, Map<String, UnaryOperator<byte[]>> routes, int maxConnections,
      ExecutorService executor) {
    HttpApi api;
    try {
      Field f = KesServer.class.getDeclaredField("api");
      f.setAccessible(true);
      api = (HttpApi) f.get(unstarted);
      List<Route> table = new ArrayList<>();
      for (Map.Entry<String, UnaryOperator<byte[]>> e : routes.entrySet()) {
        UnaryOperator<byte[]> fn = e.getValue();
        table.add(new Route("POST", e.getKey(), 1 << 20, Duration.ofSeconds(15),
            Route.AuthMode.IDENTIFY, false, false,
            call -> call.send(200, "application/json", fn.apply(call.body("bad body")))));
      }
      Class<?> routing = Class.forName(HttpApi.class.getName() + "$Routing");
      Constructor<?> c = routing.getDeclaredConstructor(Map.class, List.class, Router.class);
      c.setAccessible(true);
      Object r = c.newInstance(Map.<String, RouteSettings>of(), List.copyOf(table),
          new Router(table));
      Field rf = HttpApi.class.getDeclaredField("routing");
      rf.setAccessible(true);
      rf.set(api, r);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("kes-server-jdk's HttpApi or KesServer changed: the bench's"
          + " bare layer must follow (" + e + ")", e);
    }
    return HttpsListener.start(address, ssl, TlsPolicy.parameters(ssl, clientAuth), api,
        HttpLimits.DEFAULT.withMaxConnections(maxConnections), executor);
  }
}
