package io.kesjava.crypto;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The project's one source of randomness: a DRBG per thread, because the default {@code
 * SecureRandom} does not scale past one thread ({@code PERFORMANCE.md}).
 */
final class Randomness {

  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Randomness::newDrbg);

  private Randomness() {}

  static void nextBytes(byte[] out) {
    RANDOM.get().nextBytes(out);
  }

  private static SecureRandom newDrbg() {
    try {
      return SecureRandom.getInstance(
          "DRBG",
          DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
