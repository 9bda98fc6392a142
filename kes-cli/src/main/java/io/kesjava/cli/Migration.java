package io.kesjava.cli;

import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Copies keys from one key store to another, for {@code kes migrate}: each stored value exactly as
 * the source holds it (the bytes {@link KeyStore#get} returns, never decrypted or re-encoded), so
 * that everything encrypted under the source's keys decrypts under the target's.
 *
 * <p>The target stays consistent when the migration stops half way: {@link KeyStore#create} stores
 * a value completely or not at all, so every key is either copied or absent. With {@link
 * Mode#FORCE} an existing target key is deleted before the source's value is created; if that
 * create fails, the target's previous value is created again, and if even that fails the error
 * names the key, which is then absent from the target.
 *
 * <p>Thread-safety: one run at a time; {@link #migrated()} may be read from any thread.
 */
final class Migration {

  /** What to do with a key that exists in the target already. */
  enum Mode {
    /** Stop with the target store's error. */
    ABORT,
    /** Replace it: delete it, then create the source's value. */
    FORCE,
    /** Keep it and go on; it is not counted. */
    MERGE
  }

  /** The migration stopped; {@link #migrated()} keys were copied before. */
  static final class Failure extends RuntimeException {
    private final long migrated;

    Failure(String message, long migrated, Throwable cause) {
      super(message, cause, false, false);
      this.migrated = migrated;
    }

    /** How many keys were copied before the failure. */
    long migrated() {
      return migrated;
    }
  }

  /** How many names one listing call asks the source for. */
  static final int PAGE_SIZE = 1000;

  private final KeyStore source;
  private final KeyStore target;
  private final Glob pattern;
  private final Mode mode;
  private final int pageSize;
  private final AtomicLong migrated = new AtomicLong();

  Migration(KeyStore source, KeyStore target, Glob pattern, Mode mode, int pageSize) {
    this.source = Objects.requireNonNull(source, "source");
    this.target = Objects.requireNonNull(target, "target");
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.mode = Objects.requireNonNull(mode, "mode");
    if (pageSize <= 0) {
      throw new IllegalArgumentException("pageSize must be positive");
    }
    this.pageSize = pageSize;
  }

  /** How many keys were copied so far. */
  long migrated() {
    return migrated.get();
  }

  /**
   * Copies every key of the source whose name matches the pattern, page by page; only names with
   * the pattern's literal prefix are listed.
   *
   * @param stop asked before each key; when it answers true the migration stops there
   * @return how many keys were copied (keys skipped by {@link Mode#MERGE} not counted)
   * @throws Failure when a store fails, a key exists in the target ({@link Mode#ABORT}), or {@code
   *     stop} answered true
   */
  long run(BooleanSupplier stop) {
    String prefix = pattern.literalPrefix();
    String cursor = "";
    do {
      KeyListing page;
      try {
        page = source.list(prefix, cursor, pageSize);
      } catch (KeyStoreException e) {
        throw failure("failed to list the keys of the source: " + e.getMessage(), e);
      }
      for (String name : page.names()) {
        if (!pattern.matches(name)) {
          continue;
        }
        if (stop.getAsBoolean()) {
          throw failure("migration interrupted", null);
        }
        if (copy(name)) {
          migrated.incrementAndGet();
        }
      }
      if (!page.continueAt().isEmpty() && page.continueAt().equals(cursor)) {
        throw failure("the source's listing does not advance past '" + cursor + "'", null);
      }
      cursor = page.continueAt();
    } while (!cursor.isEmpty());
    return migrated.get();
  }

  /** Copies one key; false when it exists in the target and is kept ({@link Mode#MERGE}). */
  private boolean copy(String name) {
    byte[] value;
    try {
      value = source.get(name);
    } catch (KeyStoreException e) {
      throw failure(keyFailure(name, e), e);
    }
    try {
      try {
        target.create(name, value);
        return true;
      } catch (EntryExistsException e) {
        if (mode == Mode.MERGE) {
          return false;
        }
        if (mode == Mode.ABORT) {
          throw failure(keyFailure(name, e), e);
        }
      } catch (KeyStoreException e) {
        throw failure(keyFailure(name, e), e);
      }
      replace(name, value);
      return true;
    } finally {
      Arrays.fill(value, (byte) 0);
    }
  }

  /** {@link Mode#FORCE}: delete the target's key, create the source's value, or restore. */
  private void replace(String name, byte[] value) {
    byte[] previous;
    try {
      previous = target.get(name);
    } catch (EntryNotFoundException e) {
      previous = null; // deleted since the create failed: nothing to replace
    } catch (KeyStoreException e) {
      throw failure(keyFailure(name, e), e);
    }
    try {
      if (previous != null) {
        try {
          target.delete(name);
        } catch (EntryNotFoundException e) {
          // gone already; create below
        } catch (KeyStoreException e) {
          throw failure(keyFailure(name, e), e);
        }
      }
      try {
        target.create(name, value);
      } catch (KeyStoreException e) {
        if (previous == null) {
          throw failure(keyFailure(name, e), e);
        }
        try {
          target.create(name, previous);
        } catch (KeyStoreException restore) {
          e.addSuppressed(restore);
          throw failure("failed to migrate key '" + name + "': " + e.getMessage()
              + "; the key was deleted from the target, and creating its previous value again"
              + " failed too (" + restore.getMessage() + "): key '" + name
              + "' is now missing in the target", e);
        }
        throw failure(keyFailure(name, e) + "; the target's previous value of key '" + name
            + "' was restored", e);
      }
    } finally {
      if (previous != null) {
        Arrays.fill(previous, (byte) 0);
      }
    }
  }

  private static String keyFailure(String name, KeyStoreException e) {
    return "failed to migrate key '" + name + "': " + e.getMessage();
  }

  private Failure failure(String message, Throwable cause) {
    return new Failure(message, migrated.get(), cause);
  }
}
