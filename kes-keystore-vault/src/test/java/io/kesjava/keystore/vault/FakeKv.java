package io.kesjava.keystore.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One K/V secrets engine mount, version 1 or 2, after Vault's API reference: v1 keeps one
 * unversioned secret per path; v2 keeps versions and metadata, writes under {@code data/}, honours
 * {@code options.cas}, soft-deletes with {@code DELETE data/} or {@code POST delete/}, and removes
 * everything with {@code DELETE metadata/}. Missing secrets answer 404 {@code {"errors":[]}}.
 */
final class FakeKv {

  /** One version of a v2 secret. */
  private static final class Version {
    final JsonNode data;
    final Instant created;
    Instant deleted;

    Version(JsonNode data, Instant created) {
      this.data = data;
      this.created = created;
    }
  }

  private final int version;
  private final Clock clock;
  private final ObjectMapper json;
  private final Map<String, JsonNode> v1 = new TreeMap<>();
  private final Map<String, List<Version>> v2 = new TreeMap<>();

  FakeKv(int version, Clock clock, ObjectMapper json) {
    this.version = version;
    this.clock = clock;
    this.json = json;
  }

  /** Handles {@code method} on {@code path} (inside the mount, without a leading slash). */
  synchronized FakeVault.Answer handle(
      String method, String path, Map<String, String> query, JsonNode body) {
    boolean list =
        method.equals("LIST") || (method.equals("GET") && "true".equals(query.get("list")));
    if (version == 1) {
      if (list) {
        return list(v1.keySet(), path);
      }
      return v1(method, path, body);
    }
    int slash = path.indexOf('/');
    String area = slash < 0 ? path : path.substring(0, slash);
    String rest = slash < 0 ? "" : path.substring(slash + 1);
    switch (area) {
      case "data":
        return data(method, rest, query, body);
      case "metadata":
        if (list) {
          return list(v2.keySet(), rest);
        }
        if (method.equals("DELETE")) {
          v2.remove(rest);
          return FakeVault.Answer.noContent();
        }
        return metadata(rest);
      case "delete":
        return softDelete(rest, body);
      default:
        return FakeVault.Answer.error(404, "no handler for route '" + path + "'");
    }
  }

  private FakeVault.Answer v1(String method, String path, JsonNode body) {
    switch (method) {
      case "GET":
        JsonNode data = v1.get(path);
        if (data == null) {
          return FakeVault.Answer.notFound();
        }
        ObjectNode out = json.createObjectNode();
        out.put("request_id", "fake").put("lease_id", "").put("renewable", false);
        out.put("lease_duration", 2764800).set("data", data.deepCopy());
        return FakeVault.Answer.ok(out);
      case "PUT":
      case "POST":
        if (body == null || !body.isObject()) {
          return FakeVault.Answer.error(400, "no data provided");
        }
        v1.put(path, body.deepCopy());
        return FakeVault.Answer.noContent();
      case "DELETE":
        v1.remove(path);
        return FakeVault.Answer.noContent();
      default:
        return FakeVault.Answer.error(405, "unsupported operation");
    }
  }

  private FakeVault.Answer data(
      String method, String path, Map<String, String> query, JsonNode body) {
    List<Version> versions = v2.get(path);
    switch (method) {
      case "GET":
        {
          if (versions == null) {
            return FakeVault.Answer.notFound();
          }
          int n = query.containsKey("version") ? Integer.parseInt(query.get("version")) : 0;
          if (n == 0) {
            n = versions.size();
          }
          if (n < 1 || n > versions.size()) {
            return FakeVault.Answer.notFound();
          }
          Version v = versions.get(n - 1);
          ObjectNode out = json.createObjectNode();
          ObjectNode data = out.putObject("data");
          data.set("data", v.deleted == null ? v.data.deepCopy() : json.nullNode());
          data.set("metadata", versionMetadata(v, n));
          // Vault answers a deleted version with 404 and its metadata.
          return v.deleted == null ? FakeVault.Answer.ok(out) : new FakeVault.Answer(404, out);
        }
      case "PUT":
      case "POST":
        {
          JsonNode data = body == null ? null : body.get("data");
          if (data == null || !data.isObject()) {
            return FakeVault.Answer.error(400, "no data provided");
          }
          int current = versions == null ? 0 : versions.size();
          JsonNode cas = body.path("options").path("cas");
          if (!cas.isMissingNode() && cas.asInt(-1) != current) {
            return FakeVault.Answer.error(
                400, "check-and-set parameter did not match the current version");
          }
          versions = v2.computeIfAbsent(path, p -> new ArrayList<>());
          Version v = new Version(data.deepCopy(), clock.instant());
          versions.add(v);
          ObjectNode out = json.createObjectNode();
          out.set("data", versionMetadata(v, versions.size()));
          return FakeVault.Answer.ok(out);
        }
      case "DELETE":
        if (versions != null) {
          versions.get(versions.size() - 1).deleted = clock.instant();
        }
        return FakeVault.Answer.noContent();
      default:
        return FakeVault.Answer.error(405, "unsupported operation");
    }
  }

  private FakeVault.Answer softDelete(String path, JsonNode body) {
    List<Version> versions = v2.get(path);
    if (versions != null) {
      for (JsonNode n : body.path("versions")) {
        if (n.asInt() >= 1 && n.asInt() <= versions.size()) {
          versions.get(n.asInt() - 1).deleted = clock.instant();
        }
      }
    }
    return FakeVault.Answer.noContent();
  }

  private FakeVault.Answer metadata(String path) {
    List<Version> versions = v2.get(path);
    if (versions == null) {
      return FakeVault.Answer.notFound();
    }
    ObjectNode out = json.createObjectNode();
    ObjectNode data = out.putObject("data");
    data.put("current_version", versions.size()).put("oldest_version", 1).put("max_versions", 0);
    data.put("cas_required", false);
    ObjectNode all = data.putObject("versions");
    for (int i = 0; i < versions.size(); i++) {
      all.set(String.valueOf(i + 1), versionMetadata(versions.get(i), i + 1));
    }
    return FakeVault.Answer.ok(out);
  }

  private ObjectNode versionMetadata(Version v, int n) {
    ObjectNode m = json.createObjectNode();
    m.put("created_time", v.created.toString());
    m.set("custom_metadata", json.nullNode());
    m.put("deletion_time", v.deleted == null ? "" : v.deleted.toString());
    m.put("destroyed", false).put("version", n);
    return m;
  }

  /** The direct children of folder {@code path}: names, and sub-folders with a trailing slash. */
  private FakeVault.Answer list(Iterable<String> paths, String path) {
    String folder = path.isEmpty() || path.endsWith("/") ? path : path + "/";
    TreeSet<String> keys = new TreeSet<>();
    for (String p : paths) {
      if (p.startsWith(folder)) {
        String rest = p.substring(folder.length());
        int slash = rest.indexOf('/');
        keys.add(slash < 0 ? rest : rest.substring(0, slash + 1));
      }
    }
    if (keys.isEmpty()) {
      return FakeVault.Answer.notFound();
    }
    ObjectNode out = json.createObjectNode();
    out.putObject("data").set("keys", json.valueToTree(new ArrayList<>(keys)));
    return FakeVault.Answer.ok(out);
  }

  /** A test's direct write, as another Vault client would do it. */
  synchronized void put(String path, Map<String, ?> data) {
    JsonNode node = json.valueToTree(new HashMap<>(data));
    if (version == 1) {
      v1.put(path, node);
    } else {
      v2.computeIfAbsent(path, p -> new ArrayList<>()).add(new Version(node, clock.instant()));
    }
  }

  /** A test's direct read of the raw secret data (latest version on v2), or null. */
  synchronized JsonNode raw(String path) {
    if (version == 1) {
      return v1.get(path);
    }
    List<Version> versions = v2.get(path);
    return versions == null ? null : versions.get(versions.size() - 1).data;
  }
}
