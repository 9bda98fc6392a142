package io.kesjava.server.http;

import io.kesjava.core.Identity;
import io.kesjava.core.Kes;
import io.kesjava.core.KesEngine;
import io.kesjava.policy.Decision;
import java.time.Instant;
import java.util.Objects;

/**
 * What the HTTP layer needs from the engine. {@link #of(KesEngine)} adapts a {@link KesEngine};
 * tests may supply their own.
 *
 * <p>Thread-safety: implementations are safe for concurrent use.
 */
public interface Backend {

  /**
   * A view of the service that acts for {@code caller}; the HTTP layer has checked {@link
   * #allowed(Identity, String)} for the request's path, or the route skips the check.
   */
  Kes as(Identity caller);

  /** The service for a caller without an identity (routes with {@code skip_auth}). */
  Kes anonymous();

  /** Whether {@code identity} may call {@code path}: the admin, or a policy that allows it. */
  boolean allowed(Identity identity, String path);

  /**
   * Checks that the key store answers.
   *
   * @throws io.kesjava.core.KeyStoreUnavailableException if it does not
   */
  void checkReady();

  /** When the service started: the creation time of policies and identities. */
  Instant startTime();

  /** Adapts an engine; policies are checked with its policy table. */
  static Backend of(KesEngine engine) {
    Objects.requireNonNull(engine, "engine");
    return new Backend() {
      @Override
      public Kes as(Identity caller) {
        // The request path was checked with the same PolicyTable.verify that engine.as(caller)
        // uses; checking twice would only cost time.
        return engine.asUnchecked(caller);
      }

      @Override
      public Kes anonymous() {
        return engine;
      }

      @Override
      public boolean allowed(Identity identity, String path) {
        return engine.policies().verify(identity.value(), path) == Decision.ALLOW;
      }

      @Override
      public void checkReady() {
        engine.checkReady();
      }

      @Override
      public Instant startTime() {
        return engine.startTime();
      }
    };
  }
}
