package io.kesjava.core.tls;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * What {@link Tls} contexts enforce on every engine and socket they create: TLS 1.3 and 1.2 only
 * ({@code docs/http-api.md#conventions}) and, for server contexts, the {@link ClientAuth} mode.
 */
final class Hardening {

  private final ClientAuth clientAuth; // null for client contexts

  Hardening(ClientAuth clientAuth) {
    this.clientAuth = clientAuth;
  }

  SSLParameters apply(SSLParameters parameters) {
    List<String> protocols = new ArrayList<>();
    String[] offered = parameters.getProtocols();
    for (String p : Tls.PROTOCOLS) {
      if (offered == null || List.of(offered).contains(p)) {
        protocols.add(p);
      }
    }
    if (protocols.isEmpty()) {
      protocols.addAll(Tls.PROTOCOLS);
    }
    parameters.setProtocols(protocols.toArray(new String[0]));
    if (clientAuth != null) {
      clientAuth.apply(parameters);
    }
    return parameters;
  }

  SSLEngine apply(SSLEngine engine) {
    engine.setSSLParameters(apply(engine.getSSLParameters()));
    return engine;
  }

  /** Hardens a TLS socket; any other socket is returned as it is. */
  Socket apply(Socket socket) {
    if (socket instanceof SSLSocket ssl) {
      ssl.setSSLParameters(apply(ssl.getSSLParameters()));
    }
    return socket;
  }

  /** Hardens a TLS server socket; any other server socket is returned as it is. */
  ServerSocket apply(ServerSocket socket) {
    if (socket instanceof SSLServerSocket ssl) {
      ssl.setSSLParameters(apply(ssl.getSSLParameters()));
    }
    return socket;
  }
}
