package io.kesjava.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.kesjava.core.Identity;
import io.kesjava.core.IdentityInfo;
import io.kesjava.core.KeyInfo;
import io.kesjava.core.Listing;
import io.kesjava.core.PolicyInfo;
import io.kesjava.core.PolicyRules;
import io.kesjava.core.SelfInfo;
import io.kesjava.core.StatusInfo;
import io.kesjava.crypto.KeyAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Decodes the JSON responses of the API into the values of {@link io.kesjava.core.Kes}, as kms-go
 * decodes them ({@code docs/http-api.md#keys}).
 *
 * <p>Thread-safety: stateless.
 */
final class Responses {

  private Responses() {}

  static KeyInfo keyInfo(Reply r, String requested) {
    JsonNode n = Json.object(r.body(), "key description");
    String name = Json.string(n, "name");
    KeyAlgorithm algorithm;
    try {
      algorithm = KeyAlgorithm.parse(Json.string(n, "algorithm"));
    } catch (IllegalArgumentException e) {
      throw Json.malformed("key algorithm", null);
    }
    List<KeyInfo.Version> versions = new ArrayList<>();
    JsonNode all = n.get("versions");
    if (all != null && !all.isNull()) {
      if (!all.isArray()) {
        throw Json.malformed("key versions", null);
      }
      for (JsonNode v : all) {
        if (!v.isObject()) {
          throw Json.malformed("key versions", null);
        }
        versions.add(new KeyInfo.Version(Json.string(v, "version"), Json.time(v, "created_at"),
            Json.string(v, "created_by")));
      }
    }
    return new KeyInfo(name.isEmpty() ? requested : name, algorithm, Json.time(n, "created_at"),
        Json.string(n, "created_by"), versions);
  }

  /**
   * A listing: a JSON object with the names in {@code member}, or, from v0.22 servers, NDJSON lines
   * with the name in {@code lineMember} ({@code docs/http-api.md#list-keys}).
   */
  static Listing listing(Reply r, String member, String lineMember) {
    if (r.contentType().equals("application/x-ndjson")) {
      return ndjsonListing(r, lineMember);
    }
    JsonNode n = Json.object(r.body(), "listing");
    JsonNode names = n.get(member);
    List<String> out = new ArrayList<>();
    if (names != null && !names.isNull()) {
      if (!names.isArray()) {
        throw Json.malformed("listing", null);
      }
      for (JsonNode e : names) {
        if (!e.isTextual()) {
          throw Json.malformed("listing", null);
        }
        out.add(e.asText());
      }
    }
    return new Listing(out, Json.string(n, "continue_at"));
  }

  private static Listing ndjsonListing(Reply r, String lineMember) {
    List<String> out = new ArrayList<>();
    for (String line : new String(r.body(), StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = Json.object(line.getBytes(StandardCharsets.UTF_8), "listing");
      String error = Json.string(n, "error");
      if (!error.isEmpty()) {
        throw new KesTransportException("the server's listing failed: " + error, null);
      }
      out.add(Json.string(n, lineMember));
    }
    Collections.sort(out);
    return Listing.of(out);
  }

  static StatusInfo status(Reply r) {
    JsonNode n = Json.object(r.body(), "status");
    long latencyMs = Json.integer(n, "keystore_latency");
    return new StatusInfo(
        Json.string(n, "version"),
        Json.string(n, "os"),
        Json.string(n, "arch"),
        Duration.ofMillis(Math.round(Json.number(n, "uptime") * 1000)),
        (int) Json.integer(n, "num_cpu"),
        (int) Json.integer(n, "num_cpu_used"),
        Json.integer(n, "mem_heap_used"),
        Json.integer(n, "mem_stack_used"),
        // docs/http-api.md#status: servers send milliseconds, although kms-go reads nanoseconds.
        latencyMs > 0 ? Optional.of(Duration.ofMillis(latencyMs)) : Optional.empty(),
        Json.bool(n, "keystore_unreachable"));
  }

  static PolicyInfo policyInfo(Reply r, String requested) {
    JsonNode n = Json.object(r.body(), "policy description");
    String name = Json.string(n, "name");
    return new PolicyInfo(name.isEmpty() ? requested : name, Json.time(n, "created_at"),
        Json.string(n, "created_by"));
  }

  static PolicyRules policyRules(Reply r, String requested) {
    return rules(Json.object(r.body(), "policy"), requested);
  }

  private static PolicyRules rules(JsonNode n, String requested) {
    String name = Json.string(n, "name");
    return new PolicyRules(name.isEmpty() ? requested : name, Json.patterns(n, "allow"),
        Json.patterns(n, "deny"), Json.time(n, "created_at"), Json.string(n, "created_by"));
  }

  static IdentityInfo identityInfo(Reply r, Identity identity) {
    JsonNode n = Json.object(r.body(), "identity description");
    return new IdentityInfo(identity, Json.bool(n, "admin"), Json.string(n, "policy"),
        Json.time(n, "created_at"), Json.string(n, "created_by"));
  }

  /**
   * The self description in the shape kms-go reads ({@code docs/http-api.md#describe-yourself}
   * option (c)): the policy's name in {@code policy}, its patterns in {@code allow} and {@code
   * deny}. A {@code policy} object (the shape upstream intended) is read too.
   */
  static SelfInfo selfInfo(Reply r) {
    JsonNode n = Json.object(r.body(), "self description");
    String id = Json.string(n, "identity");
    if (id.isEmpty()) {
      throw Json.malformed("self description", null);
    }
    JsonNode p = n.get("policy");
    String policy;
    Optional<PolicyRules> rules;
    if (p != null && p.isObject()) {
      policy = Json.string(p, "name");
      rules = Optional.of(rules(p, policy));
    } else {
      policy = Json.string(n, "policy");
      SortedSet<String> allow = Json.patterns(n, "allow");
      SortedSet<String> deny = Json.patterns(n, "deny");
      rules = policy.isEmpty()
          ? Optional.empty()
          : Optional.of(new PolicyRules(policy, allow, deny, Json.time(n, "created_at"),
              Json.string(n, "created_by")));
    }
    IdentityInfo info = new IdentityInfo(new Identity(id), Json.bool(n, "admin"), policy,
        Json.time(n, "created_at"), Json.string(n, "created_by"));
    return new SelfInfo(info, rules);
  }

  static ServerVersion version(Reply r) {
    JsonNode n = Json.object(r.body(), "version");
    return new ServerVersion(Json.string(n, "version"), Json.string(n, "commit"));
  }

  static List<ApiRoute> apis(Reply r) {
    JsonNode n = Json.tree(r.body(), "API list");
    if (!n.isArray()) {
      throw Json.malformed("API list", null);
    }
    List<ApiRoute> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isObject()) {
        throw Json.malformed("API list", null);
      }
      long maxBody = Json.integer(e, "max_body");
      long timeout = Json.integer(e, "timeout");
      if (maxBody < 0 || timeout < 0) {
        throw Json.malformed("API list", null);
      }
      out.add(new ApiRoute(Json.string(e, "method"), Json.string(e, "path"), maxBody,
          Duration.ofSeconds(timeout)));
    }
    return List.copyOf(out);
  }
}
