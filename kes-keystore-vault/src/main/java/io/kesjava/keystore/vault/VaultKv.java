package io.kesjava.keystore.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.common.StoredValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entries in a K/V engine, laid out and encoded exactly as KES does ({@code
 * docs/keystores/vault.md}): the secret at {@code <engine>/[data/]<prefix>/<name>} has one field
 * named after the key whose string is the value or its Transit ciphertext.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class VaultKv {

  private final VaultClient client;
  private final KvVersion version;
  private final String engine;
  private final String prefix;
  private final VaultTransit transit; // null when off
  private final Object[] v1Locks = new Object[64];

  VaultKv(
      VaultClient client, KvVersion version, String engine, String prefix, VaultTransit transit) {
    this.client = client;
    this.version = version;
    this.engine = engine;
    this.prefix = prefix;
    this.transit = transit;
    for (int i = 0; i < v1Locks.length; i++) {
      v1Locks[i] = new Object();
    }
  }

  void create(String name, byte[] value) {
    if (version == KvVersion.V2) {
      createIfAbsent(name, value);
      return;
    }
    // K/V v1 has no check-and-set: creates of one name in this process at least go one at a time.
    synchronized (v1Locks[Math.floorMod(name.hashCode(), v1Locks.length)]) {
      createIfAbsent(name, value);
    }
  }

  private void createIfAbsent(String name, byte[] value) {
    String loc = location(name);
    String text = StoredValues.toText(value);
    Set<String> secrets = new HashSet<>(Set.of(text, Base64.getEncoder().encodeToString(value)));
    // KES's create-if-absent: look first (v1 has nothing better), then write; on v2 the write's
    // cas=0 also stops a racing writer.
    VaultHttp.Reply existing = client.call("GET", entryPath(name), Map.of(), null, secrets);
    if (existing.ok()) {
      JsonNode data = data(existing.body());
      if (data.isObject() && data.has(name)) {
        throw new EntryExistsException("vault: entry '" + loc + "' already exists");
      }
      boolean empty = data.isMissingNode() || data.isNull() || (data.isObject() && data.isEmpty());
      // v1: any secret there is a conflict; v2: a deleted latest version has no data, and the
      // cas=0 write below decides.
      if (version == KvVersion.V1 || !empty) {
        throw new KeyStoreException(
            "vault: entry exist but failed to read '"
                + loc
                + "': invalid K/V "
                + version
                + " format");
      }
    } else if (existing.status() != 404) {
      throw new KeyStoreException(
          "vault: failed to create '" + loc + "': " + client.describe(existing, secrets));
    }
    String stored = transit == null ? text : transit.encrypt(loc, value, secrets);
    secrets.add(stored);
    ObjectNode body = client.json().createObjectNode();
    if (version == KvVersion.V1) {
      body.put(name, stored);
    } else {
      body.putObject("options").put("cas", 0);
      body.putObject("data").put(name, stored);
    }
    VaultHttp.Reply written = client.call("PUT", entryPath(name), Map.of(), body, secrets);
    if (written.ok()) {
      return;
    }
    if (version == KvVersion.V2
        && written.status() == 400
        && written.errors().contains("check-and-set")) {
      throw new EntryExistsException("vault: entry '" + loc + "' already exists");
    }
    throw new KeyStoreException(
        "vault: failed to write '" + loc + "': " + client.describe(written, secrets));
  }

  byte[] get(String name) {
    String loc = location(name);
    Map<String, String> query = version == KvVersion.V2 ? Map.of("version", "1") : Map.of();
    VaultHttp.Reply reply = client.call("GET", entryPath(name), query, null, Set.of());
    if (reply.status() == 404) {
      String deleted = reply.body().path("data").path("metadata").path("deletion_time").asText("");
      if (!deleted.isEmpty()) {
        throw new KeyStoreException(
            "vault: failed to read '"
                + loc
                + "': version 1 was deleted at "
                + deleted
                + " (K/V v2 soft delete); undelete it or delete the entry's metadata");
      }
      throw new EntryNotFoundException("vault: entry '" + loc + "' does not exist");
    }
    if (!reply.ok()) {
      throw new KeyStoreException(
          "vault: failed to read '" + loc + "': " + client.describe(reply, Set.of()));
    }
    JsonNode field = data(reply.body()).path(name);
    if (field.isMissingNode() || field.isNull()) {
      throw new KeyStoreException(
          "vault: failed to read '" + loc + "': entry exists but no secret key is present");
    }
    if (!field.isTextual()) {
      throw new KeyStoreException("vault: failed to read '" + loc + "': invalid K/V format");
    }
    String stored = field.textValue();
    if (!stored.startsWith(VaultTransit.PREFIX)) {
      try {
        return StoredValues.fromText(stored);
      } catch (IllegalArgumentException e) {
        return stored.getBytes(StandardCharsets.UTF_8); // not ours after all: the text as is
      }
    }
    if (transit == null) {
      throw new KeyStoreException(
          "vault: failed to read '" + loc + "': key is encrypted with vault transit key");
    }
    return transit.decrypt(loc, stored);
  }

  void delete(String name) {
    String loc = location(name);
    List<String> path =
        version == KvVersion.V1
            ? entryPath(name)
            : VaultPaths.join(engine, "metadata", prefix, name);
    VaultHttp.Reply reply = client.call("DELETE", path, Map.of(), null, Set.of());
    if (!reply.ok() && reply.status() != 404) {
      throw new KeyStoreException(
          "vault: failed to delete '" + loc + "': " + client.describe(reply, Set.of()));
    }
  }

  KeyListing list(String namePrefix, String continueAt, int limit) {
    List<String> path =
        version == KvVersion.V1
            ? VaultPaths.join(engine, prefix)
            : VaultPaths.join(engine, "metadata", prefix);
    VaultHttp.Reply reply = client.call("GET", path, Map.of("list", "true"), null, Set.of());
    if (reply.status() == 404) {
      return KeyListing.page(List.of(), namePrefix, continueAt, limit);
    }
    if (!reply.ok()) {
      throw new KeyStoreException(
          "vault: failed to list '"
              + String.join("/", path)
              + "': "
              + client.describe(reply, Set.of()));
    }
    List<String> names = new ArrayList<>();
    for (JsonNode key : reply.body().path("data").path("keys")) {
      // Sub-folders ("folder/") hold no key of this store.
      if (key.isTextual() && !key.textValue().endsWith("/")) {
        names.add(key.textValue());
      }
    }
    return KeyListing.page(names, namePrefix, continueAt, limit);
  }

  private List<String> entryPath(String name) {
    if (!VaultPaths.isSingleSegment(name)) {
      throw new IllegalArgumentException("vault: invalid key name '" + name + "'");
    }
    return version == KvVersion.V1
        ? VaultPaths.join(engine, prefix, name)
        : VaultPaths.join(engine, "data", prefix, name);
  }

  /** The secret's data map: {@code data} on v1, {@code data.data} on v2. */
  private JsonNode data(JsonNode body) {
    JsonNode data = body.path("data");
    return version == KvVersion.V1 ? data : data.path("data");
  }

  private String location(String name) {
    return VaultPaths.text(prefix, name);
  }
}
