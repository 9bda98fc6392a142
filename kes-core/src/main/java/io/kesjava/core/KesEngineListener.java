package io.kesjava.core;

import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyStoreUnreachableException;

/**
 * Told what a {@link KesEngine} does, for metrics: every operation with its outcome and latency,
 * every key-cache lookup as a hit or a miss, and every call of the key store with its latency and
 * error. Set it with {@link KesEngine.Builder#listener(KesEngineListener)}; {@code kes-micrometer}
 * turns these events into Micrometer meters ({@code docs/metrics.md}).
 *
 * <p>Cost: an engine built without a listener takes no time stamps and makes no extra calls per
 * operation or per key-store call, and per key-cache lookup it checks one field for {@code null}.
 * With a listener, each operation and each key-store call costs two
 * {@link System#nanoTime()} reads and one call of the listener.
 *
 * <p>Every method has an empty default, so a listener implements only what it needs. Methods are
 * called on the thread of the operation, synchronously: they must be fast, must not block and must
 * be safe for concurrent use. An exception a method throws is logged and otherwise ignored; it never
 * fails the operation.
 *
 * <p>Security: events carry no key names, no identities, no plaintexts and no key material. The
 * errors passed are the exceptions the caller sees (whose messages never hold key material) or the
 * key store's own.
 */
public interface KesEngineListener {

  /**
   * An operation of the {@link Kes} interface ended: done, failed, or refused by the policy of a
   * view from {@link KesEngine#as(Identity)} (then {@code error} is a {@link NotAllowedException}).
   *
   * @param operation which operation
   * @param nanos how long it took, in nanoseconds
   * @param error the exception it threw, or {@code null} when it succeeded; {@link
   *     Outcome#of(Throwable)} classifies it
   */
  default void onOperation(Operation operation, long nanos, RuntimeException error) {}

  /** A key was found in the key cache: the key store was not asked. */
  default void onCacheHit() {}

  /** A key was not in the key cache: the key store is read (or another thread's read is awaited). */
  default void onCacheMiss() {}

  /**
   * The key store failed, and a key was served from the offline cache instead ({@link
   * CacheConfig#offline()}). Follows the {@link #onCacheMiss()} of the same lookup.
   */
  default void onOfflineCacheHit() {}

  /**
   * A call of the key store ended.
   *
   * @param call which call
   * @param nanos how long it took, in nanoseconds
   * @param error the exception it threw, or {@code null} when it succeeded; {@link
   *     KeyStoreOutcome#of(Throwable)} classifies it
   */
  default void onKeyStoreCall(KeyStoreCall call, long nanos, RuntimeException error) {}

  /** The operations of {@link Kes}, each with a short name for a metric tag. */
  enum Operation {
    CREATE_KEY("key.create"),
    IMPORT_KEY("key.import"),
    DESCRIBE_KEY("key.describe"),
    DELETE_KEY("key.delete"),
    ROTATE_KEY("key.rotate"),
    LIST_KEYS("key.list"),
    GENERATE_KEY("key.generate"),
    ENCRYPT("key.encrypt"),
    DECRYPT("key.decrypt"),
    HMAC("key.hmac"),
    STATUS("status"),
    DESCRIBE_POLICY("policy.describe"),
    READ_POLICY("policy.read"),
    LIST_POLICIES("policy.list"),
    DESCRIBE_IDENTITY("identity.describe"),
    DESCRIBE_SELF("identity.self.describe"),
    LIST_IDENTITIES("identity.list");

    private final String tag;

    Operation(String tag) {
      this.tag = tag;
    }

    /** The name for a metric tag, after the operation's HTTP route: {@code key.encrypt}. */
    public String tag() {
      return tag;
    }
  }

  /** The calls of {@link io.kesjava.keystore.KeyStore}, each with a short name for a metric tag. */
  enum KeyStoreCall {
    CREATE("create"),
    GET("get"),
    DELETE("delete"),
    LIST("list"),
    STATUS("status");

    private final String tag;

    KeyStoreCall(String tag) {
      this.tag = tag;
    }

    /** The name for a metric tag: {@code get}. */
    public String tag() {
      return tag;
    }
  }

  /** How an operation ended, by the status KES would answer with. */
  enum Outcome {
    /** It succeeded. */
    SUCCESS,
    /** It failed for the caller's reason: a 4xx status (not found, not authentic, invalid...). */
    CLIENT_ERROR,
    /** It failed for the engine's or the key store's reason: a 5xx status. */
    SERVER_ERROR;

    /**
     * Classifies an operation's error: {@code null} is a success; a {@link KesException} by its
     * status; {@link NullPointerException} and {@link IllegalArgumentException} (a bad argument)
     * are client errors; anything else is a server error.
     */
    public static Outcome of(Throwable error) {
      if (error == null) {
        return SUCCESS;
      }
      if (error instanceof KesException e) {
        return e.status() < 500 ? CLIENT_ERROR : SERVER_ERROR;
      }
      if (error instanceof NullPointerException || error instanceof IllegalArgumentException) {
        return CLIENT_ERROR;
      }
      return SERVER_ERROR;
    }

    /** The name for a metric tag: {@code success}, {@code client_error}, {@code server_error}. */
    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How a key-store call ended. */
  enum KeyStoreOutcome {
    /** It succeeded. */
    SUCCESS,
    /** There is no such entry: a normal answer, not a failure of the store. */
    NOT_FOUND,
    /** The entry exists already: a normal answer, not a failure of the store. */
    EXISTS,
    /** The store could not be reached. */
    UNREACHABLE,
    /** Any other failure. */
    ERROR;

    /** Classifies a key-store call's error; {@code null} is a success. */
    public static KeyStoreOutcome of(Throwable error) {
      if (error == null) {
        return SUCCESS;
      }
      if (error instanceof EntryNotFoundException) {
        return NOT_FOUND;
      }
      if (error instanceof EntryExistsException) {
        return EXISTS;
      }
      if (error instanceof KeyStoreUnreachableException) {
        return UNREACHABLE;
      }
      return ERROR;
    }

    /** The name for a metric tag: {@code success}, {@code not_found}, ... */
    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
