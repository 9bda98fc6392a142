package io.kesjava.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The project's one source of randomness: a DRBG per thread, because the default {@code
 * SecureRandom} does not scale past one thread ({@code BENCHMARKS.md}, the performance pass).
 *
 * <p>Virtual threads (Java 21+) usually live for one request, so a per-thread DRBG would be
 * instantiated, and seeded from the system's entropy source, for every request: about a tenth of
 * the server's CPU time per request on Java 25 (kes-bench, {@code BENCHMARKS.md}). They borrow a
 * DRBG from a small pool instead and give it back after the call. A DRBG is safe for use by one
 * thread after another; it never hands out the same bytes twice.
 */
final class Randomness {

  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Randomness::newDrbg);
  /** DRBGs for virtual threads, most recently used first; at most {@link #POOL_LIMIT}. */
  private static final ConcurrentLinkedDeque<SecureRandom> POOL = new ConcurrentLinkedDeque<>();
  private static final AtomicInteger POOLED = new AtomicInteger();
  private static final int POOL_LIMIT = 4 * Runtime.getRuntime().availableProcessors() + 4;
  /** {@code Thread.isVirtual()} on Java 21+, else {@code null}. */
  private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

  private Randomness() {}

  static void nextBytes(byte[] out) {
    if (!onVirtualThread()) {
      RANDOM.get().nextBytes(out);
      return;
    }
    SecureRandom random = POOL.pollFirst();
    if (random == null) {
      random = newDrbg();
    } else {
      POOLED.decrementAndGet();
    }
    random.nextBytes(out);
    if (POOLED.incrementAndGet() <= POOL_LIMIT) {
      POOL.offerFirst(random);
    } else {
      POOLED.decrementAndGet();
    }
  }

  /**
   * Whether the calling thread is a virtual thread, which should not keep per-thread JCA objects:
   * it would make new ones for every request.
   */
  static boolean onVirtualThread() {
    if (IS_VIRTUAL == null) {
      return false;
    }
    try {
      return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
    } catch (Throwable e) {
      return false;
    }
  }

  private static MethodHandle isVirtualHandle() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null; // before Java 21: no virtual threads
    }
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
