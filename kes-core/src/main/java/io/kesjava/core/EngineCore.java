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
    Names.requireValidName("key name", name);
    store(name, KeyVersion.generate(keyAlgorithm, caller.value(), clock));
  }

  void importKey(Identity caller, String name, KeyAlgorithm algorithm, byte[] key) {
    Names.requireValidName("key name", name);
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
    // Version entries a deleted key of this name left behind stay: they do not match the new key's
    // tag, so reads skip them, and removing them could hide a version another server adds at once
    // behind a gap in the numbers (docs/rotation.md#deleting). Deleting the key removes them.
    cache.put(name, KeyVersions.of(version));
  }

  private boolean exists(String entry) {
    try {
      byte[] stored = store.get(entry);
      Arrays.fill(stored, (byte) 0);
      return true;
    } catch (EntryNotFoundException e) {
      return false;
    }
  }

  private void deleteQuietly(String entry) {
    try {
      store.delete(entry);
    } catch (EntryNotFoundException e) {
      // removed by someone else
    }
  }

  KeyInfo describeKey(String name) {
    KeyVersions all = key(name);
    KeyVersion v = all.base();
    List<KeyInfo.Version> versions = new ArrayList<>();
    if (all.rotated()) {
      for (KeyVersions.Numbered n : all.versions()) {
        versions.add(new KeyInfo.Version(Integer.toString(n.number()), n.key().createdAt(),
            n.key().createdBy()));
      }
    }
    return new KeyInfo(name, v.key().algorithm(), v.createdAt(), v.createdBy(), versions);
  }

  /**
   * Deletes every version entry, highest first (also those of an earlier key of the same name),
   * then the key's own entry ({@code docs/rotation.md#deleting}). Highest first, so that an
   * unfinished delete leaves versions {@code 2..k} without gaps. A rotation that races with the
   * delete may leave a version entry behind; it is bound to the deleted key and ignored by a new
   * key of the same name.
   */
  void deleteKey(String name) {
    Names.requireValidName("key name", name);
    try {
      int n = 2;
      while (n <= VersionEntries.MAX_VERSION && exists(VersionEntries.entryName(name, n))) {
        n++;
      }
      for (int i = n - 1; i >= 2; i--) {
        deleteQuietly(VersionEntries.entryName(name, i));
      }
      store.delete(name);
    } catch (EntryNotFoundException e) {
      cache.invalidate(name);
      throw new KeyNotFoundException();
    } catch (KeyStoreException e) {
      cache.invalidate(name);
      throw storeFailure("failed to delete key", name, e);
    }
    cache.invalidate(name);
  }

  /** How often a rotation tries the next number after another server took one. */
  private static final int ROTATE_ATTEMPTS = 64;

  /**
   * Adds version {@code N + 1} of a key whose highest version is {@code N}, with the store's atomic
   * create-if-absent: two rotations never get the same number, and one that lost the race takes
   * the next ({@code docs/rotation.md#concurrency}).
   */
  String rotateKey(Identity caller, String name) {
    Names.requireValidName("key name", name);
    KeyVersions all = fresh(name);
    KeyVersion next = KeyVersion.generate(all.base().key().algorithm(), caller.value(), clock);
    int n = all.next();
    boolean raced = false;
    for (int attempt = 0; attempt < ROTATE_ATTEMPTS && n <= VersionEntries.MAX_VERSION;
        attempt++, n++) {
      byte[] encoded = VersionEntries.encode(n, all.tag(), next);
      try {
        store.create(VersionEntries.entryName(name, n), encoded);
      } catch (EntryExistsException e) {
        raced = true;
        continue;
      } catch (KeyStoreException e) {
        throw storeFailure("failed to rotate key", name, e);
      } finally {
        Arrays.fill(encoded, (byte) 0);
      }
      KeyVersions updated = all.with(new KeyVersions.Numbered(n, next));
      if (raced) {
        // Another server added versions meanwhile: read them too, so that this engine knows them.
        try {
          updated = KeyCache.read(store, name);
        } catch (KeyStoreException | InvalidKeyVersionException e) {
          // keep what we know; the cache entry expires as usual
        }
      }
      cache.put(name, updated);
      return Integer.toString(n);
    }
    throw new KesException(503, "failed to rotate key: too many concurrent rotations");
  }

  /** Every version of {@code name}, read from the store now (not from the cache). */
  private KeyVersions fresh(String name) {
    try {
      return KeyCache.read(store, name);
    } catch (EntryNotFoundException e) {
      cache.invalidate(name);
      throw new KeyNotFoundException();
    } catch (KeyStoreException e) {
      throw storeFailure("failed to read key", name, e);
    } catch (InvalidKeyVersionException e) {
      throw unreadable(name, e);
    }
  }

  Listing listKeys(String pattern) {
    Names.requireValidPattern(pattern);
    String prefix = Names.prefixOf(pattern);
    List<String> names = new ArrayList<>();
    String cursor = "";
    try {
      // A real cursor: the engine answers with the complete listing (docs/http-api.md#list-keys
      // guidance).
      do {
        KeyListing page = store.list(prefix, cursor, 0);
        for (String n : page.names()) {
          if (!VersionEntries.isEntryName(n)) { // versions of rotated keys are not keys
            names.add(n);
          }
        }
        cursor = page.continueAt();
      } while (!cursor.isEmpty());
    } catch (KeyStoreException e) {
      throw storeFailure("failed to list keys", prefix, e);
    }
    return Listing.of(names);
  }

  DataKey generateKey(String name, byte[] context) {
    Objects.requireNonNull(context, "context");
    KeyVersions all = key(name);
    KeyVersions.Numbered v = all.current();
    byte[] plain = new byte[32];
    try {
      // The DEK, iv and nonce from one call of the random source; the DataKey owns plain.
      return new DataKey(
          SecretBytes.wrap(plain), v.key().key().encryptRandom(plain, context), versionOf(all));
    } catch (RuntimeException e) {
      Arrays.fill(plain, (byte) 0);
      throw e;
    }
  }

  Encrypted encrypt(String name, byte[] plaintext, byte[] context) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(context, "context");
    KeyVersions all = key(name);
    return new Encrypted(all.current().key().key().encrypt(plaintext, context), versionOf(all));
  }

  /** The version answers name: the current one, or none for a key that was never rotated. */
  private static String versionOf(KeyVersions all) {
    return all.rotated() ? Integer.toString(all.current().number()) : "";
  }

  /**
   * Decrypts with version {@code version}, or, when it is {@code null}, with the current version
   * and then the older ones, newest first.
   */
  SecretBytes decrypt(String name, byte[] ciphertext, byte[] context, String version) {
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(context, "context");
    if (version != null) {
      KeyVersion v = version(name, version);
      try {
        return SecretBytes.wrap(v.key().decrypt(ciphertext, context));
      } catch (io.kesjava.crypto.NotAuthenticException e) {
        throw new NotAuthenticException();
      }
    }
    KeyVersions known = key(name);
    SecretBytes plaintext = decryptNewestFirst(known, 1, ciphertext, context);
    if (plaintext == null && newerVersionStored(name, known)) {
      // Another server rotated the key after this engine cached it: the ciphertext may be of a
      // version this engine has not seen. Only the versions it has not tried yet are tried.
      plaintext = decryptNewestFirst(load(name, true), known.next(), ciphertext, context);
    }
    if (plaintext == null) {
      throw new NotAuthenticException();
    }
    return plaintext;
  }

  /** The plaintext from the newest version numbered {@code from} or more that opens it, or null. */
  private static SecretBytes decryptNewestFirst(
      KeyVersions all, int from, byte[] ciphertext, byte[] context) {
    List<KeyVersions.Numbered> versions = all.versions();
    for (int i = versions.size() - 1; i >= 0 && versions.get(i).number() >= from; i--) {
      try {
        return SecretBytes.wrap(versions.get(i).key().key().decrypt(ciphertext, context));
      } catch (io.kesjava.crypto.NotAuthenticException e) {
        // try the next older version
      }
    }
    return null;
  }

  /**
   * Whether the store holds an entry for the first version number {@code known} did not find: one
   * read, done only when no known version opened a ciphertext. A store that fails counts as no.
   */
  private boolean newerVersionStored(String name, KeyVersions known) {
    if (known.next() > VersionEntries.MAX_VERSION) {
      return false;
    }
    try {
      byte[] entry = store.get(VersionEntries.entryName(name, known.next()));
      Arrays.fill(entry, (byte) 0);
      return true;
    } catch (KeyStoreException e) { // not found, or unreachable
      return false;
    }
  }

  /** HMACs use version 1 unless the request names one, so that rotation never changes them. */
  byte[] hmac(String name, byte[] message, String version) {
    Objects.requireNonNull(message, "message");
    KeyVersion v = version == null ? key(name).base() : version(name, version);
    Optional<HmacKey> h = v.hmacKey();
    if (h.isEmpty()) {
      throw new KesException(409, "key does not support HMAC");
    }
    return h.get().mac(message);
  }

  /**
   * Version {@code version} of a key. A version above those this engine has seen may have been
   * made by another server since: if the store holds a newer version, the key is read again.
   */
  private KeyVersion version(String name, String version) {
    Names.requireValidName("key name", name);
    int n = VersionEntries.parseVersion(version);
    KeyVersions known = key(name);
    KeyVersion v = known.find(n);
    if (v == null && n >= known.next() && newerVersionStored(name, known)) {
      v = load(name, true).find(n);
    }
    if (v == null) {
      throw new KesException(404, "key version '" + version + "' does not exist");
    }
    return v;
  }

  private KeyVersions key(String name) {
    Names.requireValidName("key name", name);
    return load(name, false);
  }

  private KeyVersions load(String name, boolean reload) {
    try {
      return reload ? cache.reload(name) : cache.get(name);
    } catch (EntryNotFoundException e) {
      throw new KeyNotFoundException();
    } catch (KeyStoreException e) {
      throw storeFailure("failed to read key", name, e);
    } catch (InvalidKeyVersionException e) {
      throw unreadable(name, e);
    }
  }

  private static KesException unreadable(String name, InvalidKeyVersionException e) {
    LOG.log(Level.ERROR, "key ''{0}'' is stored in a form that cannot be read: {1}", name,
        e.getMessage());
    return new KeyStoreUnavailableException(502, "failed to read key", e);
  }

  // ---- status ----

  /**
   * A policy-checking view refused an operation before it reached this core; an observed core
   * reports it to the listener as that operation's outcome. Nothing else happens here.
   */
  void refused(KesEngineListener.Operation operation, long nanos, NotAllowedException error) {}

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
    if (!Names.isValidName(name)) { // null included: an invalid name, as before
      throw new InvalidArgumentException(Names.invalidName("policy name", name));
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
    Names.requireValidPattern(pattern);
    return Listing.of(withPrefix(policies.policyNames(), Names.prefixOf(pattern)));
  }

  IdentityInfo describeIdentity(Identity identity) {
    Names.requireValidName("identity", identity.value());
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
    Names.requireValidPattern(pattern);
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

  private static KesException storeFailure(String message, String name, KeyStoreException e) {
    if (e instanceof KeyStoreStatusException s) {
      // Typed as a client reads the same status and message back (KesException.of).
      return KesException.of(s.status(), s.getMessage());
    }
    LOG.log(Level.ERROR, "key store: {0} ''{1}'': {2}", message, name, e.getMessage());
    return new KeyStoreUnavailableException(502, message, e);
  }
}
