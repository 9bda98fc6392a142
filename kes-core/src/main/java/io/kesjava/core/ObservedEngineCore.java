package io.kesjava.core;

import io.kesjava.core.KesEngineListener.Operation;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.SecretBytes;
import io.kesjava.keystore.KeyStore;
import io.kesjava.policy.PolicyTable;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The {@link EngineCore} of an engine with a {@link KesEngineListener}: every operation timed and
 * reported, every key-store call too (through {@link ObservedKeyStore}), and every key-cache lookup.
 * An engine without a listener uses the plain {@link EngineCore}, so it pays for none of this.
 *
 * <p>Every operation of {@link EngineCore} is overridden here; {@code KesEngineListenerTest} checks
 * that each {@link Kes} call reports exactly one operation. Thread-safe.
 */
final class ObservedEngineCore extends EngineCore {

  private final KesEngineListener listener;

  ObservedEngineCore(
      KeyStore store,
      CacheConfig cacheConfig,
      PolicyTable policies,
      Clock clock,
      KeyAlgorithm keyAlgorithm,
      String version,
      KesEngineListener listener) {
    super(new ObservedKeyStore(store, listener), cacheConfig, policies, clock, keyAlgorithm,
        version);
    this.listener = listener;
    // Set before the engine is published through KesEngine's final field.
    cache.listener = listener;
  }

  /** A core for these settings: observed when {@code listener} is not {@code null}. */
  static EngineCore create(
      KeyStore store,
      CacheConfig cacheConfig,
      PolicyTable policies,
      Clock clock,
      KeyAlgorithm keyAlgorithm,
      String version,
      KesEngineListener listener) {
    if (listener == null) {
      return new EngineCore(store, cacheConfig, policies, clock, keyAlgorithm, version);
    }
    return new ObservedEngineCore(store, cacheConfig, policies, clock, keyAlgorithm, version,
        GuardedListener.of(listener));
  }

  private <T> T timed(Operation operation, Supplier<T> call) {
    long start = System.nanoTime();
    T result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      listener.onOperation(operation, System.nanoTime() - start, e);
      throw e;
    }
    listener.onOperation(operation, System.nanoTime() - start, null);
    return result;
  }

  private void timedVoid(Operation operation, Runnable call) {
    timed(operation, () -> {
      call.run();
      return null;
    });
  }

  @Override
  void refused(Operation operation, long nanos, NotAllowedException error) {
    listener.onOperation(operation, nanos, error);
  }

  @Override
  void createKey(Identity caller, String name) {
    timedVoid(Operation.CREATE_KEY, () -> super.createKey(caller, name));
  }

  @Override
  void importKey(Identity caller, String name, KeyAlgorithm algorithm, byte[] key) {
    timedVoid(Operation.IMPORT_KEY, () -> super.importKey(caller, name, algorithm, key));
  }

  @Override
  KeyInfo describeKey(String name) {
    return timed(Operation.DESCRIBE_KEY, () -> super.describeKey(name));
  }

  @Override
  void deleteKey(String name) {
    timedVoid(Operation.DELETE_KEY, () -> super.deleteKey(name));
  }

  @Override
  String rotateKey(Identity caller, String name) {
    return timed(Operation.ROTATE_KEY, () -> super.rotateKey(caller, name));
  }

  @Override
  Listing listKeys(String pattern) {
    return timed(Operation.LIST_KEYS, () -> super.listKeys(pattern));
  }

  @Override
  DataKey generateKey(String name, byte[] context) {
    return timed(Operation.GENERATE_KEY, () -> super.generateKey(name, context));
  }

  @Override
  Encrypted encrypt(String name, byte[] plaintext, byte[] context) {
    return timed(Operation.ENCRYPT, () -> super.encrypt(name, plaintext, context));
  }

  @Override
  SecretBytes decrypt(String name, byte[] ciphertext, byte[] context, String version) {
    return timed(Operation.DECRYPT, () -> super.decrypt(name, ciphertext, context, version));
  }

  @Override
  byte[] hmac(String name, byte[] message, String version) {
    return timed(Operation.HMAC, () -> super.hmac(name, message, version));
  }

  @Override
  StatusInfo status() {
    return timed(Operation.STATUS, super::status);
  }

  @Override
  PolicyInfo describePolicy(String name) {
    return timed(Operation.DESCRIBE_POLICY, () -> super.describePolicy(name));
  }

  @Override
  PolicyRules readPolicy(String name) {
    return timed(Operation.READ_POLICY, () -> super.readPolicy(name));
  }

  @Override
  Listing listPolicies(String pattern) {
    return timed(Operation.LIST_POLICIES, () -> super.listPolicies(pattern));
  }

  @Override
  IdentityInfo describeIdentity(Identity identity) {
    return timed(Operation.DESCRIBE_IDENTITY, () -> super.describeIdentity(identity));
  }

  @Override
  SelfInfo describeSelf(Identity caller) {
    return timed(Operation.DESCRIBE_SELF, () -> super.describeSelf(caller));
  }

  @Override
  Listing listIdentities(String pattern) {
    return timed(Operation.LIST_IDENTITIES, () -> super.listIdentities(pattern));
  }
}
