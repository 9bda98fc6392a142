package io.kesjava.core;

import io.kesjava.crypto.HmacKey;
import io.kesjava.crypto.InvalidKeyVersionException;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.KeyVersion;
import io.kesjava.crypto.MasterKey;
import io.kesjava.crypto.SecretBytes;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreStatusException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.policy.Policy;
import io.kesjava.policy.PolicyTable;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What {@link KesEngine} does, for any caller. Thread-safe. */
class EngineCore {

  private static final System.Logger LOG = System.getLogger(KesEngine.class.getName());

  final KeyStore store;
  /** Replaced as a whole when the server reloads its config; read once per call. */
  volatile PolicyTable policies;
  final Instant startTime;
  final KeyCache cache;
  private final Clock clock;
  private final KeyAlgorithm keyAlgorithm;
  private final String version;

  EngineCore(
      KeyStore store,
      CacheConfig cacheConfig,
      PolicyTable policies,
      Clock clock,
      KeyAlgorithm keyAlgorithm,
      String version) {
    this.store = store;
    this.policies = policies;
    this.clock = clock;
    this.keyAlgorithm = keyAlgorithm;
    this.version = version;
    this.startTime = clock.instant();
    this.cache = new KeyCache(store, cacheConfig, clock);
  }

  static String defaultVersion() {
    String v = KesEngine.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-SNAPSHOT";
  }

  void createConfiguredKeys(List<String> names) {
    Identity admin = new Identity(policies.admin());
    for (String name : names) {
      try {
        createKey(admin, name);
      } catch (KeyExistsException e) {
        // a configured key that exists is what we want
      }
    }
  }

  // ---- keys ----

  void createKey(Identity caller, String name) {
    requireKeyName(name);
    store(name, KeyVersion.generate(keyAlgorithm, caller.value(), clock));
  }

  void importKey(Identity caller, String name, KeyAlgorithm algorithm, byte[] key) {
    requireKeyName(name);
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(key, "key");
    if (key.length != 32) {
      throw new KesException(406, "invalid key size for '" + algorithm.apiName() + "'");
    }
    // KeyVersion.of copies both keys, so these copies are zeroed as soon as it has them.
    try (SecretBytes secret = SecretBytes.copyOf(key);
        MasterKey master = MasterKey.of(algorithm, secret);
        HmacKey hmacKey = HmacKey.generate()) {
      store(name, KeyVersion.of(master, hmacKey, clock.instant(), caller.value()));
    }
  }

  private void store(String name, KeyVersion version) {
    byte[] encoded = version.encode();
    try {
      store.create(name, encoded);
    } catch (EntryExistsException e) {
      throw new KeyExistsException();
    } catch (KeyStoreException e) {
      throw storeFailure("failed to create key", name, e);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
    cache.put(name, version);
  }

  KeyInfo describeKey(String name) {
    KeyVersion v = key(name);
    return new KeyInfo(name, v.key().algorithm(), v.createdAt(), v.createdBy());
  }

  void deleteKey(String name) {
    requireKeyName(name);
    try {
      store.delete(name);
    } catch (EntryNotFoundException e) {
      cache.invalidate(name);
      throw new KeyNotFoundException();
    } catch (KeyStoreException e) {
      throw storeFailure("failed to delete key", name, e);
    }
    cache.invalidate(name);
  }

  Listing listKeys(String pattern) {
    requirePattern(pattern);
    String prefix = Names.prefixOf(pattern);
    List<String> names = new ArrayList<>();
    String cursor = "";
    try {
      // A real cursor: the engine answers with the complete listing (docs/http-api.md#list-keys
      // guidance).
      do {
        KeyListing page = store.list(prefix, cursor, 0);
        names.addAll(page.names());
        cursor = page.continueAt();
      } while (!cursor.isEmpty());
    } catch (KeyStoreException e) {
      throw storeFailure("failed to list keys", prefix, e);
    }
    return Listing.of(names);
  }

  DataKey generateKey(String name, byte[] context) {
    Objects.requireNonNull(context, "context");
    KeyVersion v = key(name);
    byte[] plain = new byte[32];
    try {
      // The DEK, iv and nonce from one call of the random source; the DataKey owns plain.
      return new DataKey(SecretBytes.wrap(plain), v.key().encryptRandom(plain, context));
    } catch (RuntimeException e) {
      Arrays.fill(plain, (byte) 0);
      throw e;
    }
  }

  byte[] encrypt(String name, byte[] plaintext, byte[] context) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(context, "context");
    return key(name).key().encrypt(plaintext, context);
  }

  SecretBytes decrypt(String name, byte[] ciphertext, byte[] context) {
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(context, "context");
    KeyVersion v = key(name);
    try {
      return SecretBytes.wrap(v.key().decrypt(ciphertext, context));
    } catch (io.kesjava.crypto.NotAuthenticException e) {
      throw new NotAuthenticException();
    }
  }

  byte[] hmac(String name, byte[] message) {
    Objects.requireNonNull(message, "message");
    Optional<HmacKey> h = key(name).hmacKey();
    if (h.isEmpty()) {
      throw new KesException(409, "key does not support HMAC");
    }
    return h.get().mac(message);
  }

  private KeyVersion key(String name) {
    requireKeyName(name);
    try {
      return cache.get(name);
    } catch (EntryNotFoundException e) {
      throw new KeyNotFoundException();
    } catch (KeyStoreException e) {
      throw storeFailure("failed to read key", name, e);
    } catch (InvalidKeyVersionException e) {
      LOG.log(Level.ERROR, "key ''{0}'' is stored in a form that cannot be read: {1}", name,
          e.getMessage());
      throw new KeyStoreUnavailableException(502, "failed to read key", e);
    }
  }

  // ---- status ----

  void checkReady() {
    try {
      store.status();
    } catch (KeyStoreUnreachableException e) {
      throw new KeyStoreUnavailableException(504, "key store is not reachable", e);
    } catch (KeyStoreException e) {
      throw new KeyStoreUnavailableException(502, "key store is unavailable", e);
    }
  }

  StatusInfo status() {
    Optional<Duration> latency;
    try {
      Duration d = store.status();
      latency = Optional.of(d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d);
    } catch (KeyStoreException e) {
      latency = Optional.empty();
    }
    return SystemInfo.status(version, Duration.between(startTime, clock.instant()), latency);
  }

  // ---- policies and identities ----

  PolicyInfo describePolicy(String name) {
    Policy p = policy(name);
    return new PolicyInfo(p.name(), startTime, policies.admin());
  }

  PolicyRules readPolicy(String name) {
    return rules(policies, policy(name));
  }

  private Policy policy(String name) {
    if (!Names.isValidName(name)) {
      throw new InvalidArgumentException(
          "policy name '" + name + "' is empty, too long or contains invalid characters");
    }
    return policies.policy(name).orElseThrow(PolicyNotFoundException::new);
  }

  private PolicyRules rules(PolicyTable table, Policy p) {
    return new PolicyRules(
        p.name(),
        new java.util.TreeSet<>(p.allow()),
        new java.util.TreeSet<>(p.deny()),
        startTime,
        table.admin());
  }

  Listing listPolicies(String pattern) {
    requirePattern(pattern);
    return Listing.of(withPrefix(policies.policyNames(), Names.prefixOf(pattern)));
  }

  IdentityInfo describeIdentity(Identity identity) {
    if (!Names.isValidName(identity.value())) {
      throw new InvalidArgumentException(
          "identity '" + identity + "' is empty, too long or contains invalid characters");
    }
    return info(policies, identity).orElseThrow(IdentityNotFoundException::new);
  }

  /**
   * Every caller can describe itself (docs/migrating-from-go-kes.md, self describe): the admin, an
   * identity with a policy (with its patterns), and an identity without one (which may do nothing
   * else).
   */
  SelfInfo describeSelf(Identity caller) {
    PolicyTable table = policies;
    Optional<IdentityInfo> known = info(table, caller);
    if (known.isEmpty()) {
      return new SelfInfo(new IdentityInfo(caller, false, "", startTime, ""), Optional.empty());
    }
    IdentityInfo info = known.get();
    Optional<PolicyRules> rules =
        info.admin() ? Optional.empty() : table.policy(info.policy()).map(p -> rules(table, p));
    return new SelfInfo(info, rules);
  }

  private Optional<IdentityInfo> info(PolicyTable table, Identity identity) {
    if (table.isAdmin(identity.value())) {
      return Optional.of(new IdentityInfo(identity, true, "", startTime, ""));
    }
    return table
        .policyOf(identity.value())
        .map(p -> new IdentityInfo(identity, false, p, startTime, table.admin()));
  }

  Listing listIdentities(String pattern) {
    requirePattern(pattern);
    return Listing.of(withPrefix(policies.identities(), Names.prefixOf(pattern)));
  }

  // ---- helpers ----

  private static List<String> withPrefix(Iterable<String> sorted, String prefix) {
    List<String> out = new ArrayList<>();
    for (String s : sorted) {
      if (s.startsWith(prefix)) {
        out.add(s);
      }
    }
    return out;
  }

  private static void requireKeyName(String name) {
    Objects.requireNonNull(name, "name");
    if (!Names.isValidName(name)) {
      throw new InvalidArgumentException(
          "key name '" + name + "' is empty, too long or contains invalid characters");
    }
  }

  private static void requirePattern(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (!Names.isValidPattern(pattern)) {
      throw new InvalidArgumentException(
          "listing pattern '" + pattern + "' is empty, too long or is invalid");
    }
  }

  private static KesException storeFailure(String message, String name, KeyStoreException e) {
    if (e instanceof KeyStoreStatusException s) {
      // Typed as a client reads the same status and message back (KesException.of).
      return KesException.of(s.status(), s.getMessage());
    }
    LOG.log(Level.ERROR, "key store: {0} ''{1}'': {2}", message, name, e.getMessage());
    return new KeyStoreUnavailableException(502, message, e);
  }
}
