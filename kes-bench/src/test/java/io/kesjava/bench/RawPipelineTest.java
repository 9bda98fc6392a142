package io.kesjava.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.KesEngine;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.SecretBytes;
import io.kesjava.keystore.MemoryKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reference must do exactly the engine's work: each reads what the other writes. */
class RawPipelineTest {

  private static final byte[] CONTEXT = "ctx".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(RawPipeline.Algorithm.class)
  void raw_and_engine_readEachOther(RawPipeline.Algorithm algorithm) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    KeyAlgorithm type = algorithm == RawPipeline.Algorithm.AES256
        ? KeyAlgorithm.AES256 : KeyAlgorithm.CHACHA20;
    try (KesEngine engine = KesEngine.builder().keyStore(new MemoryKeyStore()).build()) {
      engine.importKey("k", type, key);
      RawPipeline raw = new RawPipeline(algorithm, key);
      byte[][] dek = raw.generate(CONTEXT);
      assertThat(dek[1]).hasSize(76);
      try (SecretBytes pt = engine.decrypt("k", dek[1], CONTEXT)) {
        assertThat(pt.bytes()).isEqualTo(dek[0]);
      }
      byte[] msg = new byte[4096];
      byte[] ct = engine.encrypt("k", msg, CONTEXT);
      assertThat(raw.decrypt(ct, CONTEXT)).isEqualTo(msg);
      assertThat(raw.decrypt(ct, CONTEXT)).isEqualTo(msg); // twice: Java 17 ChaCha20 re-init
      ct[0] ^= 1;
      assertThatThrownBy(() -> raw.decrypt(ct, CONTEXT)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(FastPipeline.Variant.class)
  void fast_and_engine_readEachOther(FastPipeline.Variant variant) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    KeyAlgorithm type = variant == FastPipeline.Variant.CHACHA_BC
        ? KeyAlgorithm.CHACHA20 : KeyAlgorithm.AES256;
    try (KesEngine engine = KesEngine.builder().keyStore(new MemoryKeyStore()).build()) {
      engine.importKey("k", type, key);
      FastPipeline fast = new FastPipeline(variant, key);
      byte[][] dek = fast.generate(CONTEXT);
      try (SecretBytes pt = engine.decrypt("k", dek[1], CONTEXT)) {
        assertThat(pt.bytes()).isEqualTo(dek[0]);
      }
      byte[] msg = new byte[4096];
      new SecureRandom().nextBytes(msg);
      assertThat(fast.decrypt(engine.encrypt("k", msg, CONTEXT), CONTEXT)).isEqualTo(msg);
      try (SecretBytes pt = engine.decrypt("k", fast.encrypt(msg, CONTEXT), CONTEXT)) {
        assertThat(pt.bytes()).isEqualTo(msg);
      }
      byte[] bad = fast.encrypt(msg, CONTEXT);
      bad[5] ^= 1;
      assertThatThrownBy(() -> fast.decrypt(bad, CONTEXT)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
