package io.kesjava.core;

import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.SecretBytes;
import io.kesjava.keystore.KeyStore;
import io.kesjava.policy.PolicyTable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The in-process key encryption service: {@link Kes} over a {@link KeyStore}, with a key cache. The
 * KES server turns each HTTP request into one call on a view of its engine; an application can use
 * an engine directly, with no server at all.
 *
 * <pre>{@code
 * try (KesEngine kes = KesEngine.builder().keyStore(new MemoryKeyStore()).build()) {
 *   kes.createKey("my-key");
 *   DataKey dek = kes.generateKey("my-key", new byte[0]);
 * }
 * }</pre>
 *
 * <p>Policies: the engine as built is the embedding application's own handle and is not
 * restricted; it acts for its {@link #identity()} (the admin by default). {@link #as(Identity)}
 * gives a view for another identity that checks every call against the engine's policy table
 * exactly as the KES server checks the request's path ({@code docs/policies.md}): the admin may do
 * everything, an identity without a policy nothing but {@link Kes#describeSelf()}, any other as
 * its policy says; a refusal is {@link NotAllowedException} ({@code 403 not authorized:
 * insufficient permissions}), thrown before anything else is checked.
 *
 * <p>Thread-safety: safe for concurrent use. Nullness: nothing is null.
 *
 * <p>Security: master keys never leave the engine: no method returns them or the key store that
 * holds them. Data keys and plaintexts are returned as {@link SecretBytes}. Nothing the engine logs
 * or throws contains key material.
 */
public final class KesEngine extends EngineOps {

  private KesEngine(EngineCore core, Identity caller) {
    super(core, caller, false);
  }

  /** Returns a builder; a key store is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a view of this engine that acts for {@code caller} and checks each call against the
   * policies, as the KES server does: keys it creates record the caller, and {@link
   * Kes#describeSelf()} describes the caller. Cheap; shares everything with this engine and sees
   * {@link #updatePolicies(PolicyTable)} at once. Closing the view does nothing.
   */
  public Kes as(Identity caller) {
    return new View(core, Objects.requireNonNull(caller, "caller"), true);
  }

  /**
   * Returns a view of this engine that acts for {@code caller} without checking policies: for a
   * host that made the policy decision itself, with {@link PolicyTable#verify(String, String)} of
   * {@link #policies()} on the request path, as the KES server does, or that skips it on purpose
   * (a route with {@code skip_auth}). Closing the view does nothing.
   */
  public Kes asUnchecked(Identity caller) {
    return new View(core, Objects.requireNonNull(caller, "caller"), false);
  }

  /** The identity this engine acts for: the builder's, else the admin of its policies. */
  public Identity identity() {
    return caller;
  }

  /** The policies and identities this engine reports and its views check. */
  public PolicyTable policies() {
    return core.policies;
  }

  /**
   * Replaces the policies and identities this engine reports and checks, as a reload of the
   * server's config does. Views see the change at once.
   */
  public void updatePolicies(PolicyTable policies) {
    core.policies = Objects.requireNonNull(policies, "policies");
  }

  /**
   * What the key store behind this engine is, for people: such as {@code Filesystem: /var/keys}.
   * Holds no credentials (a store's own {@code description()}).
   */
  public String keyStoreDescription() {
    return core.store.description();
  }

  /** When this engine was built: the creation time of policies and identities. */
  public Instant startTime() {
    return core.startTime;
  }

  /**
   * Checks that the key store answers ({@code docs/http-api.md#readiness}).
   *
   * @throws KeyStoreUnavailableException 504 {@code key store is not reachable} or 502 {@code key
   *     store is unavailable}
   */
  public void checkReady() {
    core.checkReady();
  }

  /** Closes the key store. Views from {@link #as(Identity)} fail afterwards. */
  @Override
  public void close() {
    core.store.close();
  }

  @Override
  public String toString() {
    return "KesEngine[" + core.store.description() + ", identity=" + caller + "]";
  }

  /**
   * Builds a {@link KesEngine}. Not thread-safe; {@link #build()} validates everything and creates
   * the configured keys.
   */
  public static final class Builder {
    private KeyStore keyStore;
    private CacheConfig cache = CacheConfig.defaults();
    private PolicyTable policies;
    private Identity identity;
    private final List<String> keys = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private KeyAlgorithm keyAlgorithm = KeyAlgorithm.AES256;
    private String version = EngineCore.defaultVersion();
    private KesEngineListener listener;

    private Builder() {}

    /** The key store the engine keeps its keys in (required). The engine owns it from now on. */
    public Builder keyStore(KeyStore keyStore) {
      this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
      return this;
    }

    /** How long keys stay cached; default {@link CacheConfig#defaults()}. */
    public Builder cache(CacheConfig cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * The policies and identities the engine reports; default: only an admin, the engine's
     * identity.
     */
    public Builder policies(PolicyTable policies) {
      this.policies = Objects.requireNonNull(policies, "policies");
      return this;
    }

    /** Who the engine acts for by default; default: the admin of the policies, else {@code embedded}. */
    public Builder identity(Identity identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** Keys to create at build time when they do not exist, created by the admin. */
    public Builder keys(List<String> names) {
      this.keys.addAll(List.copyOf(names));
      return this;
    }

    /** The clock for creation times and cache expiry; default the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The type of keys {@link Kes#createKey} creates; default AES256. */
    public Builder keyAlgorithm(KeyAlgorithm keyAlgorithm) {
      this.keyAlgorithm = Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
      return this;
    }

    /** The version {@link Kes#status()} reports; default this library's version. */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Who is told of every operation, key-cache lookup and key-store call, for metrics; default
     * none, which costs nothing ({@link KesEngineListener}). Views from {@link #as(Identity)} report
     * to it too.
     */
    public Builder listener(KesEngineListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the engine and creates the configured keys that do not exist.
     *
     * @throws IllegalStateException if no key store was set
     * @throws IllegalArgumentException if a configured key name is invalid
     * @throws KesException if a configured key cannot be created
     */
    public KesEngine build() {
      if (keyStore == null) {
        throw new IllegalStateException("a key store is required");
      }
      for (String name : keys) {
        if (!Names.isValidName(name)) {
          throw new IllegalArgumentException(Names.invalidName("key name", name));
        }
      }
      Identity self = identity;
      PolicyTable table = policies;
      if (table == null) {
        self = self != null ? self : new Identity("embedded");
        table = PolicyTable.builder().admin(self.value()).build();
      } else if (self == null) {
        self = new Identity(table.admin());
      }
      EngineCore core =
          ObservedEngineCore.create(keyStore, cache, table, clock, keyAlgorithm, version, listener);
      core.createConfiguredKeys(keys);
      return new KesEngine(core, self);
    }
  }
}
