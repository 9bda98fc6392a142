package io.kesjava.keystore.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Vault's token store and two login methods, after its API reference: AppRole ({@code role_id},
 * {@code secret_id}) and Kubernetes ({@code role}, {@code jwt}) logins issue service tokens with a
 * TTL and a max TTL on the shared clock; {@code lookup-self} reports the remaining TTL; {@code
 * renew-self} extends the token up to its max TTL (with a warning when capped) and refuses
 * non-renewable tokens. A token serves its own namespace and the namespaces below it.
 */
final class FakeAuth {

  /** A role of an auth mount. */
  record Role(
      String kind,
      String namespace,
      String mount,
      String id,
      String secret,
      Duration ttl,
      Duration maxTtl,
      boolean renewable) {}

  /** An issued token. */
  static final class Token {
    final String id;
    final String namespace;
    final String path;
    final Instant issued;
    final Duration ttl;
    final Duration maxTtl;
    final boolean renewable;
    volatile Instant expires;
    volatile boolean revoked;

    Token(String id, String namespace, String path, Instant issued, Role role) {
      this.id = id;
      this.namespace = namespace;
      this.path = path;
      this.issued = issued;
      this.ttl = role.ttl();
      this.maxTtl = role.maxTtl();
      this.renewable = role.renewable();
      this.expires = issued.plus(role.ttl());
    }
  }

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final Clock clock;
  private final ObjectMapper json;
  private final SecureRandom random = new SecureRandom();
  private final List<Role> roles = new CopyOnWriteArrayList<>();
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  final AtomicInteger logins = new AtomicInteger();
  final AtomicInteger renewals = new AtomicInteger();
  final AtomicInteger lookups = new AtomicInteger();
  volatile boolean loginsFail;

  /** When set, the TTL and max TTL of tokens issued from now on, whatever the role says. */
  volatile Duration[] ttlOverride;

  FakeAuth(Clock clock, ObjectMapper json) {
    this.clock = clock;
    this.json = json;
  }

  void add(Role role) {
    roles.add(role);
  }

  FakeVault.Answer login(String namespace, String mount, JsonNode body) {
    List<Role> mounted =
        roles.stream()
            .filter(r -> r.namespace().equals(namespace) && r.mount().equals(mount))
            .toList();
    if (mounted.isEmpty()) {
      return FakeVault.Answer.error(404, "no handler for route 'auth/" + mount + "/login'");
    }
    if (loginsFail) {
      return FakeVault.Answer.error(500, "internal error");
    }
    Role role;
    if (mounted.get(0).kind().equals("approle")) {
      String roleId = body.path("role_id").asText("");
      role = mounted.stream().filter(r -> r.id().equals(roleId)).findFirst().orElse(null);
      if (role == null) {
        // Vault echoes the role ID here, so a client must not quote this text unscrubbed.
        return FakeVault.Answer.error(
            400, "failed to validate credentials: invalid role_id \"" + roleId + "\"");
      }
      if (!role.secret().equals(body.path("secret_id").asText(""))) {
        return FakeVault.Answer.error(400, "invalid secret id");
      }
    } else {
      String name = body.path("role").asText("");
      List<Role> named = mounted.stream().filter(r -> r.id().equals(name)).toList();
      if (named.isEmpty()) {
        return FakeVault.Answer.error(400, "invalid role name \"" + name + "\"");
      }
      // Kubernetes vouches for the JWT; here each entry stands for one JWT it accepts.
      String jwt = body.path("jwt").asText("");
      role = named.stream().filter(r -> r.secret().equals(jwt)).findFirst().orElse(null);
      if (role == null) {
        return FakeVault.Answer.error(403, "permission denied");
      }
    }
    Duration[] override = ttlOverride;
    if (override != null) {
      role =
          new Role(
              role.kind(),
              role.namespace(),
              role.mount(),
              role.id(),
              role.secret(),
              override[0],
              override[1],
              role.renewable());
    }
    Token token = new Token(newId(), namespace, "auth/" + mount + "/login", clock.instant(), role);
    tokens.put(token.id, token);
    logins.incrementAndGet();
    ObjectNode out = json.createObjectNode();
    ObjectNode auth = out.putObject("auth");
    auth.put("client_token", token.id).put("accessor", newId());
    auth.set("policies", json.valueToTree(List.of("default", "kes")));
    auth.set("token_policies", json.valueToTree(List.of("default", "kes")));
    auth.put("lease_duration", role.ttl().toSeconds()).put("renewable", role.renewable());
    auth.put("token_type", "service").put("orphan", true);
    return FakeVault.Answer.ok(out);
  }

  /** The live token {@code id} if it may act in {@code namespace}, else null. */
  Token check(String namespace, String id) {
    Token t = id == null ? null : tokens.get(id);
    if (t == null || t.revoked || !clock.instant().isBefore(t.expires)) {
      return null;
    }
    boolean inside =
        t.namespace.isEmpty()
            || namespace.equals(t.namespace)
            || namespace.startsWith(t.namespace + "/");
    return inside ? t : null;
  }

  FakeVault.Answer lookupSelf(Token t) {
    lookups.incrementAndGet();
    ObjectNode out = json.createObjectNode();
    ObjectNode data = out.putObject("data");
    data.put("id", t.id).put("path", t.path).put("renewable", t.renewable);
    data.put("creation_ttl", t.ttl.toSeconds()).put("issue_time", t.issued.toString());
    data.put("expire_time", t.expires.toString());
    data.put("ttl", Duration.between(clock.instant(), t.expires).toSeconds());
    data.put("namespace_path", t.namespace.isEmpty() ? "" : t.namespace + "/");
    data.set("policies", json.valueToTree(List.of("default", "kes")));
    return FakeVault.Answer.ok(out);
  }

  FakeVault.Answer renewSelf(Token t, JsonNode body) {
    if (!t.renewable) {
      return FakeVault.Answer.error(400, "lease is not renewable");
    }
    renewals.incrementAndGet();
    long increment = body == null ? 0 : body.path("increment").asLong(0);
    Duration wanted = increment > 0 ? Duration.ofSeconds(increment) : t.ttl;
    Instant now = clock.instant();
    Instant max = t.issued.plus(t.maxTtl);
    Instant expires = now.plus(wanted).isAfter(max) ? max : now.plus(wanted);
    t.expires = expires;
    ObjectNode out = json.createObjectNode();
    ObjectNode auth = out.putObject("auth");
    auth.put("client_token", t.id)
        .put("lease_duration", Duration.between(now, expires).toSeconds());
    auth.put("renewable", true);
    if (expires.equals(max)) {
      out.set(
          "warnings",
          json.valueToTree(
              List.of(
                  "TTL of \""
                      + wanted.toSeconds()
                      + "s\" exceeded the effective max_ttl; TTL value is capped accordingly")));
    }
    return FakeVault.Answer.ok(out);
  }

  void revokeAll() {
    tokens.values().forEach(t -> t.revoked = true);
  }

  int liveTokens() {
    return (int) tokens.values().stream().filter(t -> check(t.namespace, t.id) != null).count();
  }

  private String newId() {
    StringBuilder id = new StringBuilder("hvs.");
    for (int i = 0; i < 24; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
