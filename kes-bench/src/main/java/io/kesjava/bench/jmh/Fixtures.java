package io.kesjava.bench.jmh;

import io.kesjava.core.KesEngine;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.MemoryKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** What every benchmark shares: the key name, the context, and engines over a store. */
final class Fixtures {

  static final String KEY = "bench-key";

  /** A context such as MinIO sends: the bucket and object path as JSON, 48 bytes. */
  static final byte[] CONTEXT =
      "{\"bucket\":\"photos\",\"object\":\"2024/01/img-0001\"}".getBytes(StandardCharsets.UTF_8);

  private Fixtures() {}

  static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  /** An engine over {@code store} holding {@link #KEY} with the given key bytes. */
  static KesEngine engine(KeyStore store, KeyAlgorithm algorithm, byte[] masterKey) {
    KesEngine engine = KesEngine.builder().keyStore(store).build();
    engine.importKey(KEY, algorithm, masterKey);
    return engine;
  }

  static KesEngine memoryEngine(KeyAlgorithm algorithm, byte[] masterKey) {
    return engine(new MemoryKeyStore(), algorithm, masterKey);
  }
}
