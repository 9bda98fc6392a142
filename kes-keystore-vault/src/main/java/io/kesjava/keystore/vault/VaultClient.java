package io.kesjava.keystore.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Sends data requests with the session's token and the store's namespace: refuses while Vault is
 * known to be sealed, and when Vault answers 403 for a token that turns out to be dead, logs in
 * again and repeats the request once. After {@link #close()} it refuses requests.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class VaultClient {

  private final VaultHttp http;
  private final VaultSession session;
  private final VaultHealth health;
  private final String namespace;
  private volatile boolean closed;

  VaultClient(VaultHttp http, VaultSession session, VaultHealth health, String namespace) {
    this.http = http;
    this.session = session;
    this.health = health;
    this.namespace = namespace;
  }

  /**
   * Sends one data request.
   *
   * @param secrets values of this request that must not appear in a message
   * @throws KeyStoreUnreachableException if Vault is sealed or cannot be reached
   */
  VaultHttp.Reply call(
      String method,
      List<String> segments,
      Map<String, String> query,
      JsonNode body,
      Collection<String> secrets) {
    if (closed) {
      throw new IllegalStateException("vault: the key store is closed");
    }
    if (health.sealed()) {
      throw new KeyStoreUnreachableException("vault: key store is sealed");
    }
    VaultToken token = session.token();
    VaultHttp.Reply reply =
        http.send(method, segments, query, body, token.value(), namespace, secrets);
    if (reply.status() == 403 && !session.alive(token)) {
      session.invalidate(token);
      reply = http.send(method, segments, query, body, session.token().value(), namespace, secrets);
    }
    return reply;
  }

  /** {@code server responded with: <status> (<errors>)}, scrubbed. */
  String describe(VaultHttp.Reply reply, Collection<String> secrets) {
    return "server responded with: " + http.describe(reply, secrets);
  }

  void close() {
    closed = true;
  }

  ObjectMapper json() {
    return http.json();
  }
}
